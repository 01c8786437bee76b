/* Reference counts that several threads may change at once (COM objects over core
 * structures are registered ThreadingModel=Both). GCC builtins: gcc and mingw-w64. */
#ifndef IMAPI_REFCOUNT_H
#define IMAPI_REFCOUNT_H

static inline int core_ref_inc(int *refs) { return __atomic_add_fetch(refs, 1, __ATOMIC_ACQ_REL); }
static inline int core_ref_dec(int *refs) { return __atomic_sub_fetch(refs, 1, __ATOMIC_ACQ_REL); }

#endif
