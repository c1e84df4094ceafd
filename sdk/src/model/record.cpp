#include "accord/sdk/model/record.h"

#include <utility>

namespace accord::sdk::model {
namespace {

template <size_t... I>
constexpr bool alternativesInTypeOrder(std::index_sequence<I...>) {
  return ((static_cast<size_t>(std::variant_alternative_t<I, Record>::kType) == I) && ...);
}
static_assert(alternativesInTypeOrder(std::make_index_sequence<std::variant_size_v<Record>>{}),
              "Record's alternatives must follow EntityType order");

template <size_t... I>
Record makeAt(size_t index, std::index_sequence<I...>) {
  Record record;
  ((index == I ? (record.emplace<I>(), true) : false) || ...);
  return record;
}

}  // namespace

EntityType typeOf(const Record& record) noexcept { return static_cast<EntityType>(record.index()); }

RecordMeta& metaOf(Record& record) noexcept {
  return std::visit([](auto& entity) -> RecordMeta& { return entity.meta; }, record);
}

const RecordMeta& metaOf(const Record& record) noexcept {
  return std::visit([](const auto& entity) -> const RecordMeta& { return entity.meta; }, record);
}

Record makeRecord(EntityType type) {
  return makeAt(static_cast<size_t>(type), std::make_index_sequence<std::variant_size_v<Record>>{});
}

}  // namespace accord::sdk::model
