// Compiled to a relocatable object, then named like a plugin: an ELF file that is no library.
extern "C" __attribute__((visibility("default"))) int accord_version() { return 1; }
