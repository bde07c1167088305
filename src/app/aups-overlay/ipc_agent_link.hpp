#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "ipc/client.hpp"
#include "ui/agent_link.hpp"

namespace aups::overlay {

class IpcAgentLink final : public ui::AgentLink {
 public:
  explicit IpcAgentLink(std::string socket_path);
  ~IpcAgentLink() override;
  nlohmann::json request(const nlohmann::json& req) override;
  void subscribe(Handlers h) override;
  void stop();  // ends the subscription before its handlers' owner goes away

 private:
  std::string path_;
  std::mutex mu_;
  ipc::Client client_;
  std::unique_ptr<ipc::Subscription> sub_;
};

}  // namespace aups::overlay
