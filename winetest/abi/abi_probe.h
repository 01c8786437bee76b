/* What the compiler saw in our generated headers (see tools/build/mkabiprobe.py). */
#ifndef ABI_PROBE_H
#define ABI_PROBE_H


#include <stddef.h>
#include <windows.h>
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"

struct abi_probe_guid { const char *name; const GUID *guid; };
struct abi_probe_slot { const char *iface; const char *member; unsigned index; };
struct abi_probe_value { const char *name; LONGLONG value; };

extern const struct abi_probe_guid abi_probe_guids[];
extern const struct abi_probe_slot abi_probe_slots[];
extern const struct abi_probe_slot abi_probe_vtbl_sizes[];
extern const struct abi_probe_value abi_probe_values[];

#endif
