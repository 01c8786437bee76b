/* Shared COM plumbing for imapi2.dll and imapi2fs.dll: object identity and reference
 * counting, IDispatch from the DLL's own embedded type library, connection points,
 * class factories and registration. Kept small so each coclass file stays thin. */
#ifndef IMAPI_COM_H
#define IMAPI_COM_H

#ifndef COBJMACROS
#define COBJMACROS
#endif
#ifndef CONST_VTABLE
#define CONST_VTABLE
#endif
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <ocidl.h>
#include "imapi_debug.h"

/* The DLL's module handle, set in DllMain. */
extern HINSTANCE imapi_module;

/* ---- object identity: QueryInterface, AddRef, Release ---- */

struct imapi_object;

/* One interface an object answers: its IID and where the interface pointer lives,
 * as an offset from the start of the object (struct imapi_object comes first). */
struct imapi_iface_entry
{
    const IID *iid;
    size_t offset;
};

struct imapi_object
{
    LONG ref;
    const struct imapi_iface_entry *ifaces;  /* first entry = primary (IUnknown, IDispatch) */
    BOOL dispatch;                           /* primary interface derives from IDispatch */
    void (*destroy)(struct imapi_object *obj);
    struct imapi_cpc *cpc;                   /* connection points, or NULL */
};

void imapi_object_init(struct imapi_object *obj, const struct imapi_iface_entry *ifaces, BOOL dispatch,
                       void (*destroy)(struct imapi_object *obj));
HRESULT imapi_object_qi(struct imapi_object *obj, REFIID riid, void **ppv);
ULONG imapi_object_addref(struct imapi_object *obj);
ULONG imapi_object_release(struct imapi_object *obj);
/* The end of every create function: give the object its connection points (sources,
 * may be none), hand out the requested interface and drop the creation reference, so a
 * failed QueryInterface destroys the object. */
HRESULT imapi_object_create_done(struct imapi_object *obj, const IID *const *sources, unsigned nsources,
                                 REFIID riid, void **ppv);
/* The primary interface pointer, AddRef'ed, for handing out "this" (events, parents). */
IUnknown *imapi_object_unknown(struct imapi_object *obj);

#define IMAPI_IFACE(iid, type, field) { &iid, offsetof(type, field) }

/* IUnknown thunks for an interface embedded in a struct whose first member is
 * `struct imapi_object obj`. Defines prefix_impl(), prefix_QueryInterface, _AddRef, _Release,
 * each tracing its object and arguments (the object's whole interface list is one object). */
#define IMAPI_IUNKNOWN_METHODS(prefix, Iface, Type, field) \
    static inline Type *prefix##_impl(Iface *iface) { return CONTAINING_RECORD(iface, Type, field); } \
    static HRESULT WINAPI prefix##_QueryInterface(Iface *iface, REFIID riid, void **ppv) \
    { \
        TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv); \
        return imapi_object_qi(&prefix##_impl(iface)->obj, riid, ppv); \
    } \
    static ULONG WINAPI prefix##_AddRef(Iface *iface) \
    { \
        ULONG ref = imapi_object_addref(&prefix##_impl(iface)->obj); \
        TRACE("(%p) ref=%lu\n", iface, ref); \
        return ref; \
    } \
    static ULONG WINAPI prefix##_Release(Iface *iface) \
    { \
        ULONG ref = imapi_object_release(&prefix##_impl(iface)->obj); \
        TRACE("(%p) ref=%lu\n", iface, ref); \
        return ref; \
    }

/* IDispatch thunks answering from the DLL's type library for interface `iid`. Script
 * calls are visible: GetIDsOfNames traces the names (and typeinfo.c the DISPIDs found),
 * Invoke the DISPID (and typeinfo.c the member's name). */
#define IMAPI_IDISPATCH_METHODS(prefix, Iface, iid) \
    static HRESULT WINAPI prefix##_GetTypeInfoCount(Iface *iface, UINT *count) \
    { \
        TRACE("(%p)->(%p)\n", iface, count); \
        return imapi_dispatch_count(count); \
    } \
    static HRESULT WINAPI prefix##_GetTypeInfo(Iface *iface, UINT index, LCID lcid, ITypeInfo **ti) \
    { \
        TRACE("(%p)->(%u %#lx %p)\n", iface, index, (unsigned long)lcid, ti); \
        return imapi_dispatch_typeinfo(&iid, index, ti); \
    } \
    static HRESULT WINAPI prefix##_GetIDsOfNames(Iface *iface, REFIID riid, LPOLESTR *names, UINT count, \
                                                  LCID lcid, DISPID *ids) \
    { \
        TRACE("(%p)->(%s %p %u %#lx %p)\n", iface, debugstr_guid(riid), names, count, (unsigned long)lcid, ids); \
        return imapi_dispatch_ids(&iid, riid, names, count, ids); \
    } \
    static HRESULT WINAPI prefix##_Invoke(Iface *iface, DISPID id, REFIID riid, LCID lcid, WORD flags, \
                                           DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err) \
    { \
        TRACE("(%p)->(%ld %s %#lx %#x %p %p %p %p)\n", iface, (long)id, debugstr_guid(riid), (unsigned long)lcid, \
              flags, params, result, excep, arg_err); \
        return imapi_dispatch_invoke(&iid, (IDispatch *)iface, id, riid, flags, params, result, excep, arg_err); \
    }

/* ---- IDispatch from the embedded type library ---- */

HRESULT imapi_get_typeinfo(REFIID iid, ITypeInfo **ti);
HRESULT imapi_dispatch_count(UINT *count);
HRESULT imapi_dispatch_typeinfo(REFIID iid, UINT index, ITypeInfo **ti);
HRESULT imapi_dispatch_ids(REFIID iid, REFIID riid, LPOLESTR *names, UINT count, DISPID *ids);
HRESULT imapi_dispatch_invoke(REFIID iid, IDispatch *self, DISPID id, REFIID riid, WORD flags,
                              DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err);
void imapi_typelib_release(void);

/* ---- connection points ---- */

struct imapi_cpc;

/* Give obj an IConnectionPointContainer with one connection point per IID in
 * `source_iids` (count entries); QueryInterface then answers IConnectionPointContainer. */
HRESULT imapi_cpc_create(struct imapi_object *obj, const IID *const *source_iids, unsigned count);
void imapi_cpc_destroy(struct imapi_cpc *cpc);
IConnectionPointContainer *imapi_cpc_iface(struct imapi_cpc *cpc);
/* Call DISPID `id` on every sink of source interface `iid`. args are in natural order
 * (first argument first); the sinks' results are ignored, as the events are documented. */
void imapi_cpc_fire(struct imapi_cpc *cpc, REFIID iid, DISPID id, VARIANT *args, unsigned nargs);
/* Number of sinks connected to `iid` (so callers can skip building event arguments). */
unsigned imapi_cpc_sink_count(struct imapi_cpc *cpc, REFIID iid);

/* ---- class factories and registration ---- */

typedef HRESULT (*imapi_create_fn)(REFIID riid, void **ppv);

struct imapi_class
{
    const CLSID *clsid;
    const WCHAR *name;        /* coclass name, also the registry description */
    const WCHAR *progid;      /* version-independent ProgID, e.g. L"IMAPI2.MsftDiscMaster2" */
    imapi_create_fn create;
};

/* Provided by each DLL's main.c for the shared exports in dllmain.c. */
extern const struct imapi_class imapi_classes[];
extern const unsigned imapi_class_count;
extern const GUID *const imapi_libid;

HRESULT imapi_get_class_object(const struct imapi_class *classes, unsigned count, REFCLSID clsid,
                               REFIID riid, void **ppv);
HRESULT imapi_register(const struct imapi_class *classes, unsigned count);
HRESULT imapi_unregister(const struct imapi_class *classes, unsigned count, REFGUID libid);
HRESULT imapi_can_unload(void);
void imapi_lock_module(BOOL lock);

/* ---- the core's I/O seam over COM streams ---- */

struct core_stream;
/* Wraps stream (taking the caller's reference; released by core_stream close). A stream
 * shared by several readers passes the lock they share (each reader then keeps its own
 * position and seeks before reading); NULL when this reader has the stream alone. */
HRESULT imapi_core_stream_from_istream(IStream *stream, SRWLOCK *shared, struct core_stream **out);

/* ---- automation helpers ---- */

/* Return a copy of s (NULL gives an empty BSTR, as scripts expect strings). */
HRESULT imapi_return_bstr(const WCHAR *s, BSTR *out);
/* A SAFEARRAY of VARIANTs (VT_I4) from LONG values. */
HRESULT imapi_safearray_from_longs(const LONG *values, unsigned count, SAFEARRAY **out);
/* A SAFEARRAY of VARIANTs (VT_BSTR) from strings. */
HRESULT imapi_safearray_from_strings(const WCHAR *const *values, unsigned count, SAFEARRAY **out);
/* A SAFEARRAY of VARIANTs (VT_DISPATCH, each AddRef'ed) from dual-interface pointers. */
HRESULT imapi_safearray_from_dispatch(IDispatch *const *values, unsigned count, SAFEARRAY **out);
/* An IEnumVARIANT of VT_DISPATCH VARIANTs over dual-interface pointers. */
HRESULT imapi_enum_dispatch_create(IDispatch *const *items, unsigned count, IEnumVARIANT **out);
/* An IEnumVARIANT over a copy of `count` VARIANTs. */
HRESULT imapi_enum_variant_create(const VARIANT *items, unsigned count, IEnumVARIANT **out);

#endif
