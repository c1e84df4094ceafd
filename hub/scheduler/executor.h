// Where the scheduler runs syncs. The scheduler bounds how many it hands over at once
// (SchedulerOptions::max_parallel), so an executor only has to run what it is given.
//
//   ThreadPoolExecutor  production: a Boost.Asio thread_pool of N threads
//   ManualExecutor      tests: tasks wait until the test runs them, on the test's thread
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace accord::scheduler {

class Executor {
 public:
  virtual ~Executor() = default;
  virtual void post(std::function<void()> task) = 0;  // thread-safe
};

class ThreadPoolExecutor final : public Executor {
 public:
  explicit ThreadPoolExecutor(std::size_t threads);
  ~ThreadPoolExecutor() override;  // waits for the tasks already posted
  void post(std::function<void()> task) override;
  void join();

 private:
  boost::asio::thread_pool pool_;
};

class ManualExecutor final : public Executor {
 public:
  void post(std::function<void()> task) override;
  // Runs the oldest waiting task; false when there was none.
  bool runOne();
  // Runs tasks until none is waiting (including tasks those tasks post). Returns how many ran.
  std::size_t runAll();
  std::size_t waiting() const;

 private:
  mutable std::mutex mutex_;
  std::deque<std::function<void()>> tasks_;
};

}  // namespace accord::scheduler
