// The service's HTTP routes (Poco request handlers). Internal to hub/service.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace accord::service {

class Service;

// One handler per request, chosen by method and path.
class RouteFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RouteFactory(Service& service) : service_(service) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  Service& service_;
};

}  // namespace accord::service
