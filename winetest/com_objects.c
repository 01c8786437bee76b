/* Every creatable coclass, driven by the ABI reference read at test time: creation by
 * CLSID and by both ProgIDs, QueryInterface for every interface its coclass lists
 * (and E_NOINTERFACE for its source interfaces and for unrelated ones), object
 * identity, reference counts, IDispatch type information, connection points, the
 * class factory, and the registry entries DllRegisterServer wrote. */
#include "test.h"
#include <ocidl.h>
#include <olectl.h>
#include "abi_tsv.h"

static struct abi_tsv tsv;

struct coclass
{
    const char *lib, *name;
    CLSID clsid;
    char progid[64];          /* version-independent ProgID, "" when none */
};

static int coclass_from_row(char *const *f, struct coclass *c)
{
    const char *p = strstr(f[COL_VALUE], "ProgID=");
    c->lib = f[COL_LIB];
    c->name = f[COL_NAME];
    c->progid[0] = 0;
    if (!abi_parse_guid(f[COL_GUID], &c->clsid)) return 0;
    if (p && strncmp(p + 7, "(none", 5))
    {
        /* "ProgID=IMAPI2.MsftDiscMaster2(.1)" */
        size_t n = strcspn(p + 7, "(");
        if (n >= sizeof(c->progid)) return 0;
        memcpy(c->progid, p + 7, n);
        c->progid[n] = 0;
    }
    return 1;
}

static ULONG refcount(IUnknown *unk)
{
    IUnknown_AddRef(unk);
    return IUnknown_Release(unk);
}

static const GUID *iid_of(const char *name, GUID *buf)
{
    unsigned i;
    if (!strcmp(name, "IConnectionPointContainer")) return &IID_IConnectionPointContainer;
    if (!strcmp(name, "IStream")) return &IID_IStream;
    for (i = 0; i < tsv.count; i++)
        if (!strcmp(tsv.rows[i].f[COL_KIND], "interface") && !strcmp(tsv.rows[i].f[COL_NAME], name))
            return abi_parse_guid(tsv.rows[i].f[COL_GUID], buf) ? buf : NULL;
    return NULL;
}

static const char *parent_of(const char *iface)
{
    unsigned i;
    for (i = 0; i < tsv.count; i++)
        if (!strcmp(tsv.rows[i].f[COL_KIND], "interface") && !strcmp(tsv.rows[i].f[COL_NAME], iface))
            return tsv.rows[i].f[COL_PARENT];
    return NULL;
}

/* An object answering an interface answers every interface it derives from. */
static void test_parents(IUnknown *unk, const char *iface)
{
    const char *parent;
    for (parent = parent_of(iface); parent && strcmp(parent, "IDispatch") && strcmp(parent, "IUnknown");
         parent = parent_of(parent))
    {
        GUID buf;
        const GUID *iid = iid_of(parent, &buf);
        void *p = NULL;
        HRESULT hr = iid ? IUnknown_QueryInterface(unk, iid, &p) : E_FAIL;
        ok(hr == S_OK && p, "QI(%s), parent of %s, returned %08lx\n", parent, iface, hr);
        if (p) IUnknown_Release((IUnknown *)p);
    }
}

static int is_dual(const char *iface)
{
    unsigned i;
    for (i = 0; i < tsv.count; i++)
        if (!strcmp(tsv.rows[i].f[COL_KIND], "interface") && !strcmp(tsv.rows[i].f[COL_NAME], iface))
            return !strcmp(tsv.rows[i].f[COL_NOTES], "dual") || strstr(tsv.rows[i].f[COL_NOTES], "IDispatch-derived");
    return 0;
}

static void test_dispatch(IUnknown *unk, const struct coclass *c, const char *default_iface)
{
    IDispatch *disp;
    ITypeInfo *ti;
    TYPEATTR *attr;
    UINT count = 0;
    GUID iid_buf;
    const GUID *iid = iid_of(default_iface, &iid_buf);
    HRESULT hr;

    hr = IUnknown_QueryInterface(unk, &IID_IDispatch, (void **)&disp);
    ok(hr == S_OK, "%s: QI(IDispatch) returned %08lx\n", c->name, hr);
    if (FAILED(hr)) return;
    hr = IDispatch_GetTypeInfoCount(disp, &count);
    ok(hr == S_OK && count == 1, "%s: GetTypeInfoCount %08lx, %u\n", c->name, hr, count);
    hr = IDispatch_GetTypeInfo(disp, 1, 0, &ti);
    ok(hr == DISP_E_BADINDEX, "%s: GetTypeInfo(1) returned %08lx\n", c->name, hr);
    hr = IDispatch_GetTypeInfo(disp, 0, 0, &ti);
    ok(hr == S_OK, "%s: GetTypeInfo returned %08lx\n", c->name, hr);
    if (SUCCEEDED(hr))
    {
        hr = ITypeInfo_GetTypeAttr(ti, &attr);
        ok(hr == S_OK, "GetTypeAttr returned %08lx\n", hr);
        if (SUCCEEDED(hr))
        {
            ok(iid && IsEqualGUID(&attr->guid, iid), "%s: type info is not %s\n", c->name, default_iface);
            ITypeInfo_ReleaseTypeAttr(ti, attr);
        }
        ITypeInfo_Release(ti);
    }
    {
        /* Names resolve through our type library; unknown ones fail properly. */
        OLECHAR *bogus = (OLECHAR *)L"NoSuchMemberAnywhere";
        DISPID id = 0;
        hr = IDispatch_GetIDsOfNames(disp, &IID_NULL, &bogus, 1, 0, &id);
        ok(hr == DISP_E_UNKNOWNNAME, "%s: GetIDsOfNames(bogus) returned %08lx\n", c->name, hr);
        ok(id == DISPID_UNKNOWN, "%s: bogus name got id %ld\n", c->name, id);
        hr = IDispatch_Invoke(disp, 0x7fff0000, &IID_NULL, 0, DISPATCH_METHOD, NULL, NULL, NULL, NULL);
        ok(FAILED(hr), "%s: Invoke of an unknown DISPID succeeded\n", c->name);
    }
    IDispatch_Release(disp);
}

static void test_connection_points(IUnknown *unk, const struct coclass *c, const char **sources, unsigned nsources)
{
    IConnectionPointContainer *cpc;
    IEnumConnectionPoints *points;
    IConnectionPoint *cp, *got[4];
    ULONG fetched = 0;
    HRESULT hr;
    unsigned i;

    hr = IUnknown_QueryInterface(unk, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(hr == S_OK, "%s: QI(IConnectionPointContainer) returned %08lx\n", c->name, hr);
    if (FAILED(hr)) return;

    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_IPropertyNotifySink, &cp);
    ok(hr == CONNECT_E_NOCONNECTION, "%s: unrelated connection point: %08lx\n", c->name, hr);

    hr = IConnectionPointContainer_EnumConnectionPoints(cpc, &points);
    ok(hr == S_OK, "EnumConnectionPoints returned %08lx\n", hr);
    if (SUCCEEDED(hr))
    {
        hr = IEnumConnectionPoints_Next(points, 4, got, &fetched);
        ok(hr == S_FALSE && fetched == nsources, "%s: %lu connection points (%08lx), expected %u\n", c->name,
           fetched, hr, nsources);
        for (i = 0; i < fetched; i++) IConnectionPoint_Release(got[i]);
        IEnumConnectionPoints_Release(points);
    }

    for (i = 0; i < nsources; i++)
    {
        GUID buf, iid;
        const GUID *src = iid_of(sources[i], &buf);
        IConnectionPointContainer *back;
        IEnumConnections *conns;
        IDispatch *sink;
        CONNECTDATA data;
        DWORD cookie = 0, cookie2 = 0;

        ok(src != NULL, "%s: no IID for %s\n", c->name, sources[i]);
        if (!src) continue;
        hr = IConnectionPointContainer_FindConnectionPoint(cpc, src, &cp);
        ok(hr == S_OK, "%s: FindConnectionPoint(%s) returned %08lx\n", c->name, sources[i], hr);
        if (FAILED(hr)) continue;
        hr = IConnectionPoint_GetConnectionInterface(cp, &iid);
        ok(hr == S_OK && IsEqualGUID(&iid, src), "GetConnectionInterface: %08lx\n", hr);
        hr = IConnectionPoint_GetConnectionPointContainer(cp, &back);
        ok(hr == S_OK && back == cpc, "GetConnectionPointContainer: %08lx %p\n", hr, back);
        if (SUCCEEDED(hr)) IConnectionPointContainer_Release(back);

        hr = IConnectionPoint_Advise(cp, NULL, &cookie);
        ok(hr == E_POINTER, "Advise(NULL) returned %08lx\n", hr);

        /* Any IDispatch serves as a sink: the object itself does. */
        IUnknown_QueryInterface(unk, &IID_IDispatch, (void **)&sink);
        if (sink)
        {
            ULONG before = refcount((IUnknown *)sink);
            hr = IConnectionPoint_Advise(cp, (IUnknown *)sink, &cookie);
            ok(hr == S_OK && cookie, "Advise returned %08lx, cookie %lu\n", hr, cookie);
            hr = IConnectionPoint_Advise(cp, (IUnknown *)sink, &cookie2);
            ok(hr == S_OK && cookie2 && cookie2 != cookie, "second Advise: %08lx, cookie %lu\n", hr, cookie2);
            hr = IConnectionPoint_EnumConnections(cp, &conns);
            ok(hr == S_OK, "EnumConnections returned %08lx\n", hr);
            if (SUCCEEDED(hr))
            {
                unsigned n = 0;
                while (IEnumConnections_Next(conns, 1, &data, NULL) == S_OK)
                {
                    ok(data.dwCookie == cookie || data.dwCookie == cookie2, "unexpected cookie %lu\n",
                       data.dwCookie);
                    IUnknown_Release(data.pUnk);
                    n++;
                }
                ok(n == 2, "%u connections enumerated\n", n);
                IEnumConnections_Release(conns);
            }
            hr = IConnectionPoint_Unadvise(cp, cookie);
            ok(hr == S_OK, "Unadvise returned %08lx\n", hr);
            hr = IConnectionPoint_Unadvise(cp, cookie);
            ok(hr == CONNECT_E_NOCONNECTION, "second Unadvise returned %08lx\n", hr);
            hr = IConnectionPoint_Unadvise(cp, cookie2);
            ok(hr == S_OK, "Unadvise returned %08lx\n", hr);
            ok(refcount((IUnknown *)sink) == before, "sink references leaked\n");
            IDispatch_Release(sink);
        }
        IConnectionPoint_Release(cp);
    }
    IConnectionPointContainer_Release(cpc);
}

static void test_registry(const struct coclass *c)
{
    WCHAR wprogid[80], clsid_str[39], key[128], value[MAX_PATH];
    LONG size = sizeof(value);
    CLSID clsid;
    HRESULT hr;
    int i;

    StringFromGUID2(&c->clsid, clsid_str, 39);
    swprintf(key, ARRAYSIZE(key), L"CLSID\\%ls\\InprocServer32", clsid_str);
    ok(RegQueryValueW(HKEY_CLASSES_ROOT, key, value, &size) == ERROR_SUCCESS, "%s: no InprocServer32\n",
       c->name);
    ok(wcsstr(_wcslwr(value), !strcmp(c->lib, "imapi2") ? L"imapi2.dll" : L"imapi2fs.dll") != NULL,
       "%s: InprocServer32 is %ls\n", c->name, value);
    {
        HKEY hkey;
        DWORD type, len = sizeof(value);
        if (!RegOpenKeyExW(HKEY_CLASSES_ROOT, key, 0, KEY_READ, &hkey))
        {
            ok(!RegQueryValueExW(hkey, L"ThreadingModel", NULL, &type, (BYTE *)value, &len) && type == REG_SZ
               && !lstrcmpW(value, L"Both"), "%s: ThreadingModel %ls\n", c->name, value);
            RegCloseKey(hkey);
        }
    }
    if (!c->progid[0]) return;
    for (i = 0; i < 2; i++)
    {
        MultiByteToWideChar(CP_ACP, 0, c->progid, -1, wprogid, 64);
        if (i) lstrcatW(wprogid, L".1");
        hr = CLSIDFromProgID(wprogid, &clsid);
        ok(hr == S_OK && IsEqualCLSID(&clsid, &c->clsid), "%s: CLSIDFromProgID(%ls) %08lx\n", c->name, wprogid, hr);
    }
    {
        LPOLESTR progid = NULL;
        hr = ProgIDFromCLSID(&c->clsid, &progid);
        MultiByteToWideChar(CP_ACP, 0, c->progid, -1, wprogid, 64);
        lstrcatW(wprogid, L".1");
        ok(hr == S_OK && progid && !lstrcmpW(progid, wprogid), "%s: ProgIDFromCLSID %08lx %ls\n", c->name, hr,
           progid);
        CoTaskMemFree(progid);
    }
}

static void test_factory(const struct coclass *c)
{
    IClassFactory *cf;
    IUnknown *unk;
    HRESULT hr;

    hr = CoGetClassObject(&c->clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&cf);
    ok(hr == S_OK, "%s: CoGetClassObject returned %08lx\n", c->name, hr);
    if (FAILED(hr)) return;
    hr = IClassFactory_CreateInstance(cf, (IUnknown *)cf, &IID_IUnknown, (void **)&unk);
    ok(hr == CLASS_E_NOAGGREGATION, "%s: aggregation gave %08lx\n", c->name, hr);
    hr = IClassFactory_CreateInstance(cf, NULL, &IID_IUnknown, NULL);
    ok(hr == E_POINTER, "%s: NULL out pointer gave %08lx\n", c->name, hr);
    hr = IClassFactory_CreateInstance(cf, NULL, &IID_IClassFactory, (void **)&unk);
    ok(hr == E_NOINTERFACE && !unk, "%s: CreateInstance(IClassFactory) gave %08lx\n", c->name, hr);
    hr = IClassFactory_LockServer(cf, TRUE);
    ok(hr == S_OK, "LockServer returned %08lx\n", hr);
    hr = IClassFactory_LockServer(cf, FALSE);
    ok(hr == S_OK, "LockServer returned %08lx\n", hr);
    IClassFactory_Release(cf);
}

static void test_coclass(const struct coclass *c)
{
    const char *sources[4], *default_iface = NULL;
    unsigned i, nsources = 0, listed = 0;
    IUnknown *unk, *unk2;
    HRESULT hr;
    ULONG ref;

    winetest_push_context("%s", c->name);
    hr = CoCreateInstance(&c->clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == S_OK, "CoCreateInstance returned %08lx\n", hr);
    if (FAILED(hr)) { winetest_pop_context(); return; }
    ok(refcount(unk) == 1, "fresh object has %lu references\n", refcount(unk));

    for (i = 0; i < tsv.count; i++)
    {
        char *const *f = tsv.rows[i].f;
        GUID buf;
        const GUID *iid;
        void *p = NULL;

        if (strcmp(f[COL_KIND], "coclass_interface") || strcmp(f[COL_NAME], c->name)) continue;
        iid = iid_of(f[COL_MEMBER], &buf);
        ok(iid != NULL, "no IID for %s\n", f[COL_MEMBER]);
        if (!iid) continue;
        hr = IUnknown_QueryInterface(unk, iid, &p);
        if (strstr(f[COL_VALUE], "source"))
        {
            /* Source interfaces are implemented by sinks, not by the object. */
            ok(hr == E_NOINTERFACE && !p, "QI(%s) returned %08lx\n", f[COL_MEMBER], hr);
            if (nsources < ARRAYSIZE(sources)) sources[nsources++] = f[COL_MEMBER];
        }
        else
        {
            ok(hr == S_OK && p, "QI(%s) returned %08lx\n", f[COL_MEMBER], hr);
            if (p)
            {
                hr = IUnknown_QueryInterface((IUnknown *)p, &IID_IUnknown, (void **)&unk2);
                ok(hr == S_OK && unk2 == unk, "%s: IUnknown identity broken\n", f[COL_MEMBER]);
                if (unk2) IUnknown_Release(unk2);
                IUnknown_Release((IUnknown *)p);
            }
            test_parents(unk, f[COL_MEMBER]);
            if (strstr(f[COL_VALUE], "default") && !default_iface) default_iface = f[COL_MEMBER];
            listed++;
        }
    }
    ok(listed > 0, "no interfaces listed\n");

    {
        void *p = (void *)0xdeadbeef;
        hr = IUnknown_QueryInterface(unk, &IID_IPersistStream, &p);
        ok(hr == E_NOINTERFACE && !p, "QI(IPersistStream) returned %08lx\n", hr);
        hr = IUnknown_QueryInterface(unk, &IID_IUnknown, NULL);
        ok(hr == E_POINTER, "QI with NULL out returned %08lx\n", hr);
    }

    if (default_iface && is_dual(default_iface)) test_dispatch(unk, c, default_iface);
    else
    {
        void *p = (void *)0xdeadbeef;
        hr = IUnknown_QueryInterface(unk, &IID_IDispatch, &p);
        ok(hr == E_NOINTERFACE && !p, "non-automation object answered IDispatch: %08lx\n", hr);
    }
    if (nsources) test_connection_points(unk, c, sources, nsources);
    else
    {
        void *p = (void *)0xdeadbeef;
        hr = IUnknown_QueryInterface(unk, &IID_IConnectionPointContainer, &p);
        ok(hr == E_NOINTERFACE && !p, "object without events answered IConnectionPointContainer: %08lx\n", hr);
    }

    ok(refcount(unk) == 1, "references leaked: %lu\n", refcount(unk));
    ref = IUnknown_Release(unk);
    ok(ref == 0, "final Release returned %lu\n", ref);

    test_factory(c);
    test_registry(c);
    winetest_pop_context();
}

static void test_noncreatable(const struct coclass *c)
{
    IUnknown *unk = (IUnknown *)0xdeadbeef;
    HRESULT hr = CoCreateInstance(&c->clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk);
    ok(hr == REGDB_E_CLASSNOTREG && !unk, "%s: noncreatable class created: %08lx\n", c->name, hr);
}

START_TEST(com_objects)
{
    char path[MAX_PATH];
    unsigned i, creatable = 0, progids = 0;
    HMODULE mod;

    ok(abi_tsv_path(path, sizeof(path)) && abi_tsv_load(&tsv, path), "cannot read the ABI reference\n");
    if (!tsv.count) return;
    CoInitialize(NULL);
    for (i = 0; i < tsv.count; i++)
    {
        struct coclass c;
        if (strcmp(tsv.rows[i].f[COL_KIND], "coclass")) continue;
        ok(coclass_from_row(tsv.rows[i].f, &c), "bad coclass row %s\n", tsv.rows[i].f[COL_NAME]);
        if (!strcmp(tsv.rows[i].f[COL_NOTES], "noncreatable")) test_noncreatable(&c);
        else
        {
            test_coclass(&c);
            creatable++;
            if (c.progid[0]) progids++;
        }
    }
    ok(creatable == 15 && progids == 15, "%u creatable classes with %u ProgIDs\n", creatable, progids);
    CoFreeUnusedLibraries();

    /* Every object is gone, so both DLLs agree to unload. */
    for (i = 0; i < 2; i++)
    {
        HRESULT (WINAPI *can_unload)(void);
        mod = GetModuleHandleW(i ? L"imapi2fs.dll" : L"imapi2.dll");
        ok(mod != NULL, "DLL %u not loaded\n", i);
        if (!mod) continue;
        can_unload = (void *)GetProcAddress(mod, "DllCanUnloadNow");
        ok(can_unload && can_unload() == S_OK, "DLL %u refuses to unload\n", i);
    }
    CoUninitialize();
    abi_tsv_free(&tsv);
}
