#include "scheduler/timer_source.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_timer.hpp>
#include <optional>
#include <vector>

namespace accord::scheduler {

ManualTimerSource::ManualTimerSource(TimePoint start) : now_(start) {}

TimePoint ManualTimerSource::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

TimerId ManualTimerSource::schedule(TimePoint at, std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  TimerId id = next_id_++;
  timers_.emplace(at, std::make_pair(id, std::move(callback)));
  return id;
}

void ManualTimerSource::cancel(TimerId id) {
  std::lock_guard lock(mutex_);
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->second.first == id) {
      timers_.erase(it);
      return;
    }
  }
}

void ManualTimerSource::advance(std::chrono::milliseconds by) {
  std::unique_lock lock(mutex_);
  const TimePoint target = now_ + by;
  while (!timers_.empty() && timers_.begin()->first <= target) {
    auto node = timers_.extract(timers_.begin());
    if (node.key() > now_) now_ = node.key();
    // Unlocked: the callback may schedule or cancel timers.
    lock.unlock();
    node.mapped().second();
    lock.lock();
  }
  now_ = target;
}

std::size_t ManualTimerSource::pending() const {
  std::lock_guard lock(mutex_);
  return timers_.size();
}

std::optional<TimePoint> ManualTimerSource::nextDue() const {
  std::lock_guard lock(mutex_);
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first;
}

struct AsioTimerSource::Impl {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::mutex mutex;
  TimerId next_id = 1;
  // Touched only on the io thread.
  std::map<TimerId, std::shared_ptr<boost::asio::system_timer>> timers;
  std::thread thread;
};

AsioTimerSource::AsioTimerSource() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

AsioTimerSource::~AsioTimerSource() {
  boost::asio::post(impl_->io, [impl = impl_.get()] {
    for (auto& [id, timer] : impl->timers) timer->cancel();
    impl->timers.clear();
    impl->work.reset();
  });
  impl_->thread.join();
}

TimePoint AsioTimerSource::now() const { return std::chrono::system_clock::now(); }

TimerId AsioTimerSource::schedule(TimePoint at, std::function<void()> callback) {
  TimerId id;
  {
    std::lock_guard lock(impl_->mutex);
    id = impl_->next_id++;
  }
  boost::asio::post(impl_->io, [impl = impl_.get(), id, at, callback = std::move(callback)] {
    auto timer = std::make_shared<boost::asio::system_timer>(impl->io, at);
    impl->timers[id] = timer;
    timer->async_wait([impl, id, callback](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled
      impl->timers.erase(id);
      callback();
    });
  });
  return id;
}

void AsioTimerSource::cancel(TimerId id) {
  boost::asio::post(impl_->io, [impl = impl_.get(), id] {
    auto it = impl->timers.find(id);
    if (it == impl->timers.end()) return;
    it->second->cancel();
    impl->timers.erase(it);
  });
}

}  // namespace accord::scheduler
