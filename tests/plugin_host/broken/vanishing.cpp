// Linked by missing_dependency.cpp, built where the loader does not look.
extern "C" __attribute__((visibility("default"))) int accordTestVanishing() { return 1; }
