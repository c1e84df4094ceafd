#include "sync/fields.h"

#include <type_traits>

namespace accord::sync {
namespace {

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Type-erased operations on one field, so the callers need no template per entity.
struct SlotOps {
  bool (*equal)(const void*, const void*);
  void (*copy)(void*, const void*);
  std::optional<std::size_t> (*size)(const void*);
  std::size_t (*truncate)(void*, std::size_t);
  const std::string* (*text)(const void*);
};

template <typename T>
const SlotOps* opsFor() {
  static const SlotOps ops{
      [](const void* a, const void* b) {
        return *static_cast<const T*>(a) == *static_cast<const T*>(b);
      },
      [](void* to, const void* from) { *static_cast<T*>(to) = *static_cast<const T*>(from); },
      [](const void* v) -> std::optional<std::size_t> {
        if constexpr (IsVector<T>::value) return static_cast<const T*>(v)->size();
        else return std::nullopt;
      },
      [](void* v, std::size_t keep) -> std::size_t {
        if constexpr (IsVector<T>::value) {
          auto& list = *static_cast<T*>(v);
          if (list.size() <= keep) return 0;
          const std::size_t dropped = list.size() - keep;
          list.resize(keep);
          return dropped;
        } else {
          return 0;
        }
      },
      [](const void* v) -> const std::string* {
        if constexpr (std::is_same_v<T, std::string>) return static_cast<const std::string*>(v);
        else return nullptr;
      }};
  return &ops;
}

struct Slot {
  std::string_view key;
  void* ptr = nullptr;
  const SlotOps* ops = nullptr;
};

struct Collector {
  std::vector<Slot> slots;
  template <typename T>
  void operator()(std::string_view key, T& value, const model::StringRule& = {}) {
    using Plain = std::remove_const_t<T>;
    slots.push_back({key, const_cast<Plain*>(&value), opsFor<Plain>()});
  }
};

// The record is only written through when the caller holds it non-const.
std::vector<Slot> slotsOf(const model::Record& record) {
  Collector collector;
  std::visit(
      [&](const auto& entity) {
        using Entity = std::decay_t<decltype(entity)>;
        Entity::describe(const_cast<Entity&>(entity), collector);
      },
      record);
  return std::move(collector.slots);
}

std::optional<Slot> slotOf(const model::Record& record, std::string_view name) {
  for (const Slot& slot : slotsOf(record)) {
    if (slot.key == name) return slot;
  }
  return std::nullopt;
}

const model::Record& defaultRecord(model::EntityType type) {
  static const std::vector<model::Record> defaults = [] {
    std::vector<model::Record> out;
    for (model::EntityType t : model::allEntityTypes()) out.push_back(model::makeRecord(t));
    return out;
  }();
  return defaults[static_cast<std::size_t>(type)];
}

struct RefWalker {
  const std::function<void(std::string_view, model::Ref&)>& fn;
  std::string_view field;

  template <typename T>
  void operator()(std::string_view key, T& value, const model::StringRule& = {}) {
    walk(key, value);
  }
  template <typename T>
  void walk(std::string_view key, T& value) {
    if constexpr (std::is_same_v<T, model::Ref>) {
      fn(key, value);
    } else if constexpr (IsVector<T>::value) {
      for (auto& element : value) walk(key, element);
    } else if constexpr (IsOptional<T>::value) {
      if (value) walk(key, *value);
    } else if constexpr (requires(T& t, RefWalker& w) { T::describe(t, w); }) {
      T::describe(value, *this);
    }
  }
};

}  // namespace

std::vector<std::string> fieldNames(model::EntityType type) {
  std::vector<std::string> names;
  for (const Slot& slot : slotsOf(defaultRecord(type))) names.emplace_back(slot.key);
  return names;
}

bool sameField(const model::Record& a, const model::Record& b, std::string_view name) {
  auto sa = slotOf(a, name);
  auto sb = slotOf(b, name);
  if (!sa || !sb) return true;
  return sa->ops->equal(sa->ptr, sb->ptr);
}

void copyField(const model::Record& from, model::Record& to, std::string_view name) {
  auto source = slotOf(from, name);
  auto target = slotOf(to, name);
  if (source && target) target->ops->copy(target->ptr, source->ptr);
}

void resetField(model::Record& record, std::string_view name) {
  copyField(defaultRecord(model::typeOf(record)), record, name);
}

bool isDefaultField(const model::Record& record, std::string_view name) {
  return sameField(record, defaultRecord(model::typeOf(record)), name);
}

std::optional<std::size_t> listSize(const model::Record& record, std::string_view name) {
  auto slot = slotOf(record, name);
  if (!slot) return std::nullopt;
  return slot->ops->size(slot->ptr);
}

std::size_t truncateList(model::Record& record, std::string_view name, std::size_t keep) {
  auto slot = slotOf(record, name);
  return slot ? slot->ops->truncate(slot->ptr, keep) : 0;
}

std::optional<std::string> stringField(const model::Record& record, std::string_view name) {
  auto slot = slotOf(record, name);
  if (!slot) return std::nullopt;
  const std::string* text = slot->ops->text(slot->ptr);
  if (!text) return std::nullopt;
  return *text;
}

std::string displayName(const model::Record& record) {
  auto text = [&](std::string_view name) { return stringField(record, name).value_or(""); };
  std::string person = text("first_name");
  const std::string last = text("last_name");
  if (!last.empty()) person += (person.empty() ? "" : " ") + last;
  for (std::string candidate : {text("name"), text("number"), text("code"), person, text("email"),
                                text("reference")}) {
    if (!candidate.empty()) return candidate;
  }
  return {};
}

void forEachRef(model::Record& record,
                const std::function<void(std::string_view, model::Ref&)>& fn) {
  RefWalker walker{fn, {}};
  std::visit([&](auto& entity) { std::decay_t<decltype(entity)>::describe(entity, walker); },
             record);
}

std::optional<model::EntityType> refEntity(std::string_view key) {
  using model::EntityType;
  if (key == "people") return EntityType::person;
  if (key == "taxes" || key.ends_with("tax_code")) return EntityType::tax_code;
  if (key.ends_with("account")) return EntityType::account;
  if (key == "leave_type") return EntityType::pay_item;
  if (key == "source") return std::nullopt;  // any entity: resolved by the caller
  return model::entityTypeFromString(key);
}

}  // namespace accord::sync
