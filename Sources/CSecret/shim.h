#ifndef CASEVAULT_CSECRET_SHIM_H
#define CASEVAULT_CSECRET_SHIM_H
#include <libsecret/secret.h>
#endif
