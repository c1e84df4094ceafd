#include "net/waiter.h"

#include <thread>

namespace accord::net {

void SleepingWaiter::wait(std::chrono::milliseconds duration) {
  if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

}  // namespace accord::net
