// `accord serve --config FILE` as a real process: it starts on a free loopback port with a
// fresh store, answers /healthz and /readyz, logs JSON, and exits 0 on SIGTERM; a bad config
// exits 1 naming the file and key.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "webhook.h"

namespace accord::service {
namespace {

namespace fs = std::filesystem;

// A child process with its stderr on a pipe.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    err_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (err_ >= 0) close(err_);
  }
  // Reads stderr until a line matches or 20 s pass without output.
  std::optional<std::smatch> waitForLine(const std::regex& pattern) {
    while (true) {
      auto nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        lines_.push_back(buffer_.substr(0, nl));
        buffer_.erase(0, nl + 1);
        std::smatch m;
        if (std::regex_search(lines_.back(), m, pattern)) return m;
        continue;
      }
      pollfd p{err_, POLLIN, 0};
      if (poll(&p, 1, 20'000) <= 0) return std::nullopt;
      char chunk[4096];
      ssize_t n = read(err_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  pid_t pid() const { return pid_; }
  std::string output() {
    if (exited_) {  // the write end is closed: read what is left
      char chunk[4096];
      ssize_t n;
      while ((n = read(err_, chunk, sizeof chunk)) > 0) buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    std::string all;
    for (const auto& l : lines_) all += l + "\n";
    return all + buffer_;
  }

 private:
  pid_t pid_ = -1;
  int err_ = -1;
  bool exited_ = false;
  std::string buffer_;
  std::vector<std::string> lines_;
};

class ServeProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("accord-serve-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::ofstream key(dir_ / "accord.key");
    key << "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n";  // base64 of 32 bytes
    key.close();
    fs::permissions(dir_ / "accord.key", fs::perms::owner_read | fs::perms::owner_write);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path writeConfig(const std::string& json) {
    std::ofstream(dir_ / "accord.json") << json;
    return dir_ / "accord.json";
  }
  std::string config() {
    return R"({"server": {"port": 0}, "store": {"path": ")" + (dir_ / "accord.db").string() +
           R"(", "key_file": ")" + (dir_ / "accord.key").string() + R"("}, "plugins": {"dir": ")" +
           (dir_ / "plugins").string() + R"("}})";
  }
  fs::path dir_;
};

struct Reply {
  int status = 0;
  std::string body;
};

Reply post(int port, const std::string& path, const std::string& body,
           const std::string& signature) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("x-xero-signature", signature);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  Reply reply{0, {}};
  Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
  reply.status = static_cast<int>(response.getStatus());
  return reply;
}

int get(int port, const std::string& path) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  return static_cast<int>(response.getStatus());
}

TEST_F(ServeProcessTest, StartsAnswersAndExitsZeroOnSigterm) {
  Child child({ACCORD_BINARY, "serve", "--config", writeConfig(config()).string()});
  auto listening = child.waitForLine(std::regex(R"re("msg":"listening on 127\.0\.0\.1:(\d+))re"));
  ASSERT_TRUE(listening) << child.output();
  const int port = std::stoi((*listening)[1]);
  EXPECT_EQ(get(port, "/healthz"), 200);
  EXPECT_EQ(get(port, "/readyz"), 200);
  EXPECT_EQ(get(port, "/metrics"), 200);
  kill(child.pid(), SIGTERM);
  EXPECT_TRUE(child.waitForLine(std::regex(R"("msg":"stopped")"))) << child.output();
  EXPECT_EQ(child.wait(), 0) << child.output();
}

TEST_F(ServeProcessTest, ABadConfigExitsOneNamingTheFileAndKey) {
  auto file = writeConfig(R"({"server": {"port": -1}})");
  Child child({ACCORD_BINARY, "serve", "--config", file.string()});
  EXPECT_EQ(child.wait(), 1);
  EXPECT_NE(child.output().find(file.string() + ": server.port: must be an integer"),
            std::string::npos)
      << child.output();
}

// The real path: the Xero plugin loaded from the plugin directory, its connection's signing key
// sealed in the store, verified by RuntimeBackend through the runtime.
TEST_F(ServeProcessTest, XeroWebhooksAreVerifiedWithTheConnectionsSealedKey) {
  const std::string db = (dir_ / "accord.db").string(), key = (dir_ / "accord.key").string();
  const std::string tenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";
  std::ofstream(dir_ / "xero.json")
      << R"({"auth.client_id": "C", "tenant_id": ")" << tenant
      << R"(", "webhooks.key": "the-signing-key-of-acme", "api_url": "http://127.0.0.1:9/api.xro/2.0"})";
  for (std::vector<std::string> args :
       {std::vector<std::string>{"org", "add", "Acme"},
        std::vector<std::string>{"connection", "add", "acme", "xero", "--config",
                                 (dir_ / "xero.json").string()}}) {
    args.insert(args.begin(), ACCORD_BINARY);
    args.insert(args.end(), {"--db", db, "--key-file", key, "--plugins", ACCORD_PLUGIN_DIR});
    Child cli(args);
    ASSERT_EQ(cli.wait(), 0) << cli.output();
  }
  std::string config = R"({"server": {"port": 0}, "store": {"path": ")" + db +
                       R"(", "key_file": ")" + key + R"("}, "plugins": {"dir": ")" +
                       ACCORD_PLUGIN_DIR + R"("}})";
  Child child({ACCORD_BINARY, "serve", "--config", writeConfig(config).string()});
  auto listening = child.waitForLine(std::regex(R"re("msg":"listening on 127\.0\.0\.1:(\d+) with 1 )re"));
  ASSERT_TRUE(listening) << child.output();
  const int port = std::stoi((*listening)[1]);
  const std::string body =
      R"({"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Invoices/i-1","resourceId":"i-1","eventDateUtc":"2024-01-01T00:00:00.000","eventType":"UPDATE","eventCategory":"INVOICE","tenantId":")" +
      tenant + R"(","tenantType":"ORGANISATION"}],"firstEventSequence":1,"lastEventSequence":1,"entropy":"E"})";
  EXPECT_EQ(post(port, "/webhooks/xero/1", body, plugins::xero::webhookSignature("wrong", body)).status, 401);
  EXPECT_EQ(post(port, "/webhooks/xero/2", body, "x").status, 404);
  EXPECT_EQ(post(port, "/webhooks/xero/1", body,
                 plugins::xero::webhookSignature("the-signing-key-of-acme", body)).status, 200);
  EXPECT_TRUE(child.waitForLine(std::regex(R"re("msg":"sync started: webhook \(1 record from 1 connection\)")re")))
      << child.output();
  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0) << child.output();
  const std::string log = child.output();
  EXPECT_EQ(log.find("the-signing-key-of-acme"), std::string::npos) << "the key was logged";
  EXPECT_NE(log.find("refused: bad signature"), std::string::npos) << log;
}

}  // namespace
}  // namespace accord::service
