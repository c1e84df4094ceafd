#include "scheduler/executor.h"

#include <boost/asio/post.hpp>

namespace accord::scheduler {

ThreadPoolExecutor::ThreadPoolExecutor(std::size_t threads) : pool_(threads == 0 ? 1 : threads) {}

ThreadPoolExecutor::~ThreadPoolExecutor() { pool_.join(); }

void ThreadPoolExecutor::post(std::function<void()> task) {
  boost::asio::post(pool_, std::move(task));
}

void ThreadPoolExecutor::join() { pool_.join(); }

void ManualExecutor::post(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
}

bool ManualExecutor::runOne() {
  std::function<void()> task;
  {
    std::lock_guard lock(mutex_);
    if (tasks_.empty()) return false;
    task = std::move(tasks_.front());
    tasks_.pop_front();
  }
  task();
  return true;
}

std::size_t ManualExecutor::runAll() {
  std::size_t ran = 0;
  while (runOne()) ++ran;
  return ran;
}

std::size_t ManualExecutor::waiting() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

}  // namespace accord::scheduler
