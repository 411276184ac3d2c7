#ifndef CASEVAULT_CSECRET_SHIM_H
#define CASEVAULT_CSECRET_SHIM_H
/* secret-paths.h (search by D-Bus path, read one item's secret without an
   item proxy and without ever unlocking) is behind this acknowledgement. */
#define SECRET_API_SUBJECT_TO_CHANGE 1
#include <libsecret/secret.h>
#endif
