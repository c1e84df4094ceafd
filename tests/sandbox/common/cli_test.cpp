// The accord-sandbox executable as a user runs it: starts, prints where it listens and the
// credentials, serves, and exits cleanly on SIGTERM.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <gtest/gtest.h>

#include <csignal>
#include <regex>
#include <string>

#include "test_client.h"

namespace accord::sandbox {
namespace {

struct Started {
  std::string banner;  // everything printed up to the line that matched
  std::uint16_t port = 0;
};

// Kills the child if a failed assertion leaves it running.
struct Reaper {
  Poco::ProcessHandle& child;
  ~Reaper() {
    if (Poco::Process::isRunning(child)) {
      Poco::Process::kill(child);
      child.wait();
    }
  }
};

// Reads the child's output until a line matches `pattern`; the first group is the port.
Started readUntil(Poco::PipeInputStream& out, const std::regex& pattern, const std::regex& last) {
  Started started;
  std::string line;
  while (std::getline(out, line)) {
    started.banner += line + "\n";
    std::smatch match;
    if (std::regex_search(line, match, pattern)) started.port = static_cast<std::uint16_t>(std::stoi(match[1]));
    if (std::regex_search(line, last)) break;
  }
  return started;
}

TEST(SandboxCli, XeroPrintsUrlsAndCredentialsServesAndStopsOnSigterm) {
  Poco::Pipe out_pipe;
  Poco::Process::Args args{"xero", "--port", "0", "--seed", "empty"};
  Poco::ProcessHandle child = Poco::Process::launch(ACCORD_SANDBOX_EXE, args, nullptr, &out_pipe, nullptr);
  Reaper reaper{child};
  Poco::PipeInputStream out(out_pipe);
  Started started = readUntil(out, std::regex(R"(Xero sandbox on http://127\.0\.0\.1:(\d+))"),
                              std::regex(R"(tenant:.*\(NZ\))"));
  ASSERT_NE(started.port, 0) << started.banner;
  for (const char* needle : {"/identity/connect/authorize", "/connect/token", "client_id:",
                             "client_secret:", "webhook key:", "tenant:"}) {
    EXPECT_NE(started.banner.find(needle), std::string::npos) << needle << "\n" << started.banner;
  }
  auto unauthenticated = testing::send(started.port, "GET", "/connections");
  EXPECT_EQ(unauthenticated.status, 401);
  Poco::Process::requestTermination(child.id());  // SIGINT; SIGTERM takes the same path
  EXPECT_EQ(child.wait(), 0);
}

TEST(SandboxCli, VtigerPrintsUserAndAccessKey) {
  Poco::Pipe out_pipe;
  Poco::Process::Args args{"vtiger", "--port", "0", "--seed", "empty"};
  Poco::ProcessHandle child = Poco::Process::launch(ACCORD_SANDBOX_EXE, args, nullptr, &out_pipe, nullptr);
  Reaper reaper{child};
  Poco::PipeInputStream out(out_pipe);
  Started started = readUntil(out, std::regex(R"(vTiger sandbox on http://127\.0\.0\.1:(\d+))"),
                              std::regex("edition:"));
  ASSERT_NE(started.port, 0) << started.banner;
  EXPECT_NE(started.banner.find("access key:"), std::string::npos) << started.banner;
  auto challenge = testing::send(started.port, "GET", "/webservice.php?operation=getchallenge&username=admin");
  EXPECT_EQ(challenge.status, 200);
  ::kill(child.id(), SIGTERM);
  EXPECT_EQ(child.wait(), 0);
}

TEST(SandboxCli, BadArgumentsExitWithTwoAndAReason) {
  Poco::Pipe err_pipe;
  Poco::Process::Args args{"xero", "--time-scale", "-1"};
  Poco::ProcessHandle child = Poco::Process::launch(ACCORD_SANDBOX_EXE, args, nullptr, nullptr, &err_pipe);
  Poco::PipeInputStream err(err_pipe);
  std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_EQ(child.wait(), 2);
  EXPECT_NE(text.find("--time-scale"), std::string::npos) << text;
}

}  // namespace
}  // namespace accord::sandbox
