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

}  // namespace
}  // namespace accord::service
