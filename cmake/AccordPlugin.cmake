# accord_add_plugin(<name> SOURCES <files...> [LIBRARIES <libs...>] [OUTPUT_DIRECTORY <dir>])
#
# Builds an Accord plugin: a MODULE library named accord_<name>.so, hidden visibility so that
# only the entry point is exported, linked against the SDK. Works in the tree and, through the
# installed AccordSDK package, for out-of-tree plugins.
function(accord_add_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  add_library(accord_plugin_${name} MODULE ${ARG_SOURCES})
  if(TARGET AccordSDK::sdk)
    set(_sdk AccordSDK::sdk)
  else()
    set(_sdk accord_sdk)
  endif()
  target_link_libraries(accord_plugin_${name} PRIVATE ${_sdk} ${ARG_LIBRARIES})
  set_target_properties(accord_plugin_${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME accord_${name}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Why: a plugin must not bind its copies of SDK symbols to another plugin's at load time.
  target_link_options(accord_plugin_${name} PRIVATE -Wl,-Bsymbolic -Wl,--exclude-libs,ALL)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(accord_plugin_${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED ACCORD_PLUGIN_DIR)
    set_target_properties(accord_plugin_${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ACCORD_PLUGIN_DIR})
  endif()
endfunction()
