#ifndef CASEVAULT_CSYSTEM_SHIM_H
#define CASEVAULT_CSYSTEM_SHIM_H

#include <sys/prctl.h>

/* prctl is variadic and not imported into Swift: wrap the one call we need.
   Marks the process non-dumpable: no core file and no ptrace attach by other
   processes of the same user while secrets are in memory. */
static inline int casevault_set_nondumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static inline int casevault_is_dumpable(void) {
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}

#endif
