// Page requests per second the vTiger sandbox serves on loopback (docs/PERFORMANCE.md).
//   sandbox_vtiger_bench [seconds=3] [clients=4] [contacts=20000]
// Each client keeps one connection alive and reads 100-row `query` pages of Contacts in turn.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"

namespace {

using namespace accord::sandbox;

std::string call(Poco::Net::HTTPClientSession& session, const std::string& method,
                 const std::string& target, const std::string& form = {}) {
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setKeepAlive(true);
  if (!form.empty()) {
    request.setContentType("application/x-www-form-urlencoded");
    request.setContentLength(static_cast<std::streamsize>(form.size()));
  }
  session.sendRequest(request) << form;
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  return body;
}

std::string login(std::uint16_t port, const std::string& key) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  auto challenge = Poco::JSON::Parser().parse(
      call(session, "GET", "/webservice.php?operation=getchallenge&username=admin"));
  const std::string token = challenge.extract<Poco::JSON::Object::Ptr>()->getObject("result")
                                ->getValue<std::string>("token");
  auto answer = Poco::JSON::Parser().parse(call(
      session, "POST", "/webservice.php",
      "operation=login&username=admin&accessKey=" + vtiger::md5Hex(token + key)));
  return answer.extract<Poco::JSON::Object::Ptr>()->getObject("result")->getValue<std::string>(
      "sessionName");
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::stoi(argv[1]) : 3;
  const int clients = argc > 2 ? std::stoi(argv[2]) : 4;
  SeedOptions seed;
  seed.contacts = argc > 3 ? std::stoul(argv[3]) : 20000;
  SystemClock clock;
  vtiger::VtigerOptions options;
  options.edition = "unlimited";
  vtiger::VtigerApp app(clock, options);
  app.seed(generateSeed(seed));
  Server server(app);
  server.start();
  const std::string session = login(server.port(), app.accessKey());

  std::atomic<bool> stop{false};
  std::atomic<long> pages{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Poco::Net::HTTPClientSession http("127.0.0.1", server.port());
      long offset = c * 100;
      while (!stop) {
        const std::string vtql = "SELECT * FROM Contacts LIMIT " + std::to_string(offset % 15000) + ",100;";
        call(http, "GET", "/webservice.php?operation=query&sessionName=" + session +
                              "&query=" + urlEncode(vtql));
        ++pages;
        offset += 100 * clients;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  server.stop();
  std::printf("vtiger sandbox: %.0f query pages/s (100 Contacts each, %d clients, %d s)\n",
              static_cast<double>(pages) / seconds, clients, seconds);
  return 0;
}
