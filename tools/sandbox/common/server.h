// The HTTP front of a sandbox: Poco::Net::HTTPServer on 127.0.0.1 with a worker pool and
// keep-alive, feeding Requests to an App, with deterministic fault injection in front of it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "sandbox/common/fault.h"
#include "sandbox/common/http.h"

namespace accord::sandbox {

struct ServerOptions {
  int max_threads = 16;          // worker threads (hanging requests hold one each)
  int max_queued = 256;          // accepted connections waiting for a worker
  std::chrono::milliseconds hang_time{30000};  // how long an injected hang lasts at most
};

class Server {
 public:
  Server(App& app, std::uint16_t port = 0, FaultOptions faults = {}, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  // Stops accepting, wakes hanging requests and waits for workers to finish.
  void stop();
  std::uint16_t port() const;            // the bound port (valid after construction)
  std::string baseUrl() const;           // "http://127.0.0.1:PORT"
  void setFaults(FaultOptions faults);   // change at run time (tests); restarts the sequence
  std::uint64_t requestCount() const;    // requests served so far

  struct Impl;  // public only so the Poco handler classes in server.cpp can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::sandbox
