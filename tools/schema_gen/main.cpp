// accord_schema_gen <dir>: writes <dir>/<entity>.json, the JSON Schema of every canonical
// entity, as published in docs/schema/. A test compares the committed files with the code.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "accord/sdk/model/codec.h"

int main(int argc, char** argv) {
  namespace model = accord::sdk::model;
  if (argc != 2) {
    std::cerr << "usage: accord_schema_gen <output directory>\n";
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "accord_schema_gen: cannot create " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  for (model::EntityType type : model::allEntityTypes()) {
    const auto path = dir / (std::string(model::toString(type)) + ".json");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << model::jsonSchema(type);
    if (!out) {
      std::cerr << "accord_schema_gen: cannot write " << path << "\n";
      return 1;
    }
  }
  std::cout << "wrote " << model::allEntityTypes().size() << " schemas to " << dir << "\n";
  return 0;
}
