// A shared library that exports a function but no Accord entry point.
extern "C" __attribute__((visibility("default"))) int accord_version() { return 1; }
