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
#include <map>
#include <fstream>
#include <regex>

#include "webhook.h"

namespace accord::service {
namespace {

namespace fs = std::filesystem;

// A child process with its stderr on a pipe.
class Child {
 public:
  // `with_stdout`: stdout goes to the same pipe (to read what a CLI command prints).
  explicit Child(const std::vector<std::string>& args, bool with_stdout = false) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      if (with_stdout) dup2(fds[1], STDOUT_FILENO);
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
  // Runs `accord ARGS` on the test's store with the real plugins; its output (stdout and stderr).
  std::string cli(std::vector<std::string> args) {
    args.insert(args.begin(), ACCORD_BINARY);
    args.insert(args.end(), {"--db", (dir_ / "accord.db").string(), "--key-file",
                             (dir_ / "accord.key").string(), "--plugins", ACCORD_PLUGIN_DIR});
    Child child(args, /*with_stdout=*/true);
    const int code = child.wait();
    const std::string output = child.output();
    EXPECT_EQ(code, 0) << output;
    return output;
  }
  // Organisation acme with a Xero connection (webhook key sealed) whose API is at `api_url`.
  void addXero(const std::string& tenant, const std::string& api_url) {
    std::ofstream(dir_ / "xero.json")
        << R"({"auth.client_id": "C", "tenant_id": ")" << tenant
        << R"(", "webhooks.key": "the-signing-key-of-acme", "api_url": ")" << api_url << R"("})";
    cli({"org", "add", "Acme"});
    cli({"connection", "add", "acme", "xero", "--config", (dir_ / "xero.json").string()});
  }
  // The service on this store, with the real plugins.
  fs::path serveConfig() {
    return writeConfig(R"({"server": {"port": 0}, "store": {"path": ")" +
                       (dir_ / "accord.db").string() + R"(", "key_file": ")" +
                       (dir_ / "accord.key").string() + R"("}, "plugins": {"dir": ")" +
                       ACCORD_PLUGIN_DIR + R"("}})");
  }
  fs::path dir_;
};

struct Reply {
  int status = 0;
  std::string body;
};

Reply post(int port, const std::string& path, const std::string& body,
           const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
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
  const std::string tenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";
  addXero(tenant, "http://127.0.0.1:9/api.xro/2.0");
  Child child({ACCORD_BINARY, "serve", "--config", serveConfig().string()});
  auto listening = child.waitForLine(std::regex(R"re("msg":"listening on 127\.0\.0\.1:(\d+) with 1 )re"));
  ASSERT_TRUE(listening) << child.output();
  const int port = std::stoi((*listening)[1]);
  const std::string body =
      R"({"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Invoices/i-1","resourceId":"i-1","eventDateUtc":"2024-01-01T00:00:00.000","eventType":"UPDATE","eventCategory":"INVOICE","tenantId":")" +
      tenant + R"(","tenantType":"ORGANISATION"}],"firstEventSequence":1,"lastEventSequence":1,"entropy":"E"})";
  auto signed_by = [&](const std::string& key) -> std::map<std::string, std::string> {
    return {{"x-xero-signature", plugins::xero::webhookSignature(key, body)}};
  };
  EXPECT_EQ(post(port, "/webhooks/xero/1", body, signed_by("wrong")).status, 401);
  EXPECT_EQ(post(port, "/webhooks/xero/2", body, {{"x-xero-signature", "x"}}).status, 404);
  EXPECT_EQ(post(port, "/webhooks/xero/1", body, signed_by("the-signing-key-of-acme")).status,
            200);
  EXPECT_TRUE(child.waitForLine(std::regex(R"re("msg":"sync started: webhook \(1 record from 1 connection\)")re")))
      << child.output();
  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0) << child.output();
  const std::string log = child.output();
  EXPECT_EQ(log.find("the-signing-key-of-acme"), std::string::npos) << "the key was logged";
  EXPECT_NE(log.find("refused: bad signature"), std::string::npos) << log;
}

// An admin's "sync now" tries a connection that is backing off: they fixed something and want
// to see it work now, not in half an hour. (Xero's API here is a closed port: every run fails.)
TEST_F(ServeProcessTest, ASyncNowTriesAConnectionThatIsBackingOff) {
  addXero("9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01", "http://127.0.0.1:9/api.xro/2.0");
  std::smatch token;
  const std::string created = cli({"token", "create", "ops", "--json"});
  ASSERT_TRUE(std::regex_search(created, token, std::regex(R"re("token"\s*:\s*"([^"]+)")re")))
      << created;
  Child child({ACCORD_BINARY, "serve", "--config", serveConfig().string()});
  auto listening = child.waitForLine(std::regex(R"re("msg":"listening on 127\.0\.0\.1:(\d+))re"));
  ASSERT_TRUE(listening) << child.output();
  const int port = std::stoi((*listening)[1]);
  const std::map<std::string, std::string> admin{{"Authorization", "Bearer " + token[1].str()},
                                                 {"Content-Type", "application/json"}};
  for (const char* failed : {"1 failed run in a row", "2 failed runs in a row"}) {
    const auto queued = post(port, "/api/v1/orgs/acme/sync", "{}", admin);
    EXPECT_LT(queued.status, 300) << queued.body;
    EXPECT_TRUE(child.waitForLine(std::regex(std::string("run failed: backing off \\(") + failed)))
        << "a manual run was held back by the backoff:\n" << child.output();
  }
  EXPECT_EQ(child.output().find("not tried"), std::string::npos) << child.output();
  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0) << child.output();
}

}  // namespace
}  // namespace accord::service
