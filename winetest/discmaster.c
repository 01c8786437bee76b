/* MsftDiscMaster2: Count, Item, _NewEnum (a snapshot of VT_BSTR IDs),
 * IsSupportedEnvironment, the DDiscMaster2Events connection point, and (emulated
 * transport only) recorders configured in the registry. */
#include <initguid.h>
#include <stdio.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"

static BOOL passthrough;

static IDiscMaster2 *new_master(void)
{
    IDiscMaster2 *m = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2, (void **)&m);
    ok(hr == S_OK, "CoCreateInstance returned %08lx\n", hr);
    return m;
}

static void test_collection(void)
{
    IDiscMaster2 *m = new_master();
    IEnumVARIANT *e = NULL, *clone = NULL;
    VARIANT v[3];
    VARIANT_BOOL b = 7;
    ULONG fetched;
    LONG count = -1, i;
    BSTR s;
    HRESULT hr;

    if (!m) return;
    hr = IDiscMaster2_get_Count(m, NULL);
    ok(hr == E_POINTER, "get_Count(NULL) returned %08lx\n", hr);
    hr = IDiscMaster2_get_Count(m, &count);
    ok(hr == S_OK && count >= 2, "Count: %08lx %ld (the test setup has five recorders)\n", hr, count);
    hr = IDiscMaster2_get_Item(m, 0, NULL);
    ok(hr == E_POINTER, "get_Item(NULL) returned %08lx\n", hr);
    s = (BSTR)0xdead;
    hr = IDiscMaster2_get_Item(m, -1, &s);
    ok(hr == E_INVALIDARG, "Item(-1) returned %08lx\n", hr);
    hr = IDiscMaster2_get_Item(m, count, &s);
    ok(hr == E_INVALIDARG, "Item(Count) returned %08lx\n", hr);
    hr = IDiscMaster2_get__NewEnum(m, NULL);
    ok(hr == E_POINTER, "get__NewEnum(NULL) returned %08lx\n", hr);
    hr = IDiscMaster2_get_IsSupportedEnvironment(m, NULL);
    ok(hr == E_POINTER, "get_IsSupportedEnvironment(NULL) returned %08lx\n", hr);
    hr = IDiscMaster2_get_IsSupportedEnvironment(m, &b);
    ok(hr == S_OK && b == VARIANT_TRUE, "IsSupportedEnvironment: %08lx %d\n", hr, b);

    hr = IDiscMaster2_get__NewEnum(m, &e);
    ok(hr == S_OK && e, "get__NewEnum returned %08lx\n", hr);
    if (!e) goto done;
    for (i = 0; i < count; i++)
    {
        BSTR item = NULL;
        VariantInit(&v[0]);
        fetched = 0;
        hr = IEnumVARIANT_Next(e, 1, v, &fetched);
        ok(hr == S_OK && fetched == 1, "Next %ld: %08lx %lu\n", i, hr, fetched);
        ok(V_VT(&v[0]) == VT_BSTR, "element %ld has type %u\n", i, V_VT(&v[0]));
        hr = IDiscMaster2_get_Item(m, i, &item);
        ok(hr == S_OK && item && V_VT(&v[0]) == VT_BSTR && !wcscmp(item, V_BSTR(&v[0])),
           "Item(%ld) %s differs from the enumerator's %s\n", i, wine_dbgstr_w(item), V_VT(&v[0]) == VT_BSTR ? wine_dbgstr_w(V_BSTR(&v[0])) : "?");
        ok(item && !wcsncmp(item, L"\\\\?\\", 4) && wcsstr(item, L"#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}"),
           "Item(%ld) %s is not a CD-ROM device interface path\n", i, wine_dbgstr_w(item));
        SysFreeString(item);
        VariantClear(&v[0]);
    }
    fetched = 7;
    hr = IEnumVARIANT_Next(e, 1, v, &fetched);
    ok(hr == S_FALSE && fetched == 0, "Next past the end: %08lx %lu\n", hr, fetched);
    hr = IEnumVARIANT_Reset(e);
    ok(hr == S_OK, "Reset returned %08lx\n", hr);
    hr = IEnumVARIANT_Clone(e, &clone);
    ok(hr == S_OK && clone, "Clone returned %08lx\n", hr);
    if (clone)
    {
        fetched = 0;
        hr = IEnumVARIANT_Next(clone, 2, v, &fetched);
        ok(hr == S_OK && fetched == 2, "Next(2) of the clone: %08lx %lu\n", hr, fetched);
        VariantClear(&v[0]);
        VariantClear(&v[1]);
        IEnumVARIANT_Release(clone);
    }

    /* IEnumVARIANT takes a NULL count for any celt (its reference: "or NULL"): fewer items
     * than asked give S_FALSE, and the slots not filled are VT_EMPTY (see automation.c) */
    hr = IEnumVARIANT_Reset(e);
    ok(hr == S_OK, "Reset returned %08lx\n", hr);
    hr = IEnumVARIANT_Skip(e, count - 1);
    ok(hr == S_OK, "Skip(Count - 1) returned %08lx\n", hr);
    for (i = 0; i < 3; i++) { V_VT(&v[i]) = VT_I4; V_I4(&v[i]) = 0x5a5a; }
    hr = IEnumVARIANT_Next(e, 3, v, NULL);
    ok(hr == S_FALSE, "Next(3) of the last item without a count returned %08lx\n", hr);
    ok(V_VT(&v[0]) == VT_BSTR && V_VT(&v[1]) == VT_EMPTY && V_VT(&v[2]) == VT_EMPTY,
       "slots after Next(3, NULL): types %u %u %u\n", V_VT(&v[0]), V_VT(&v[1]), V_VT(&v[2]));
    for (i = 0; i < 3; i++) VariantClear(&v[i]);
    hr = IEnumVARIANT_Reset(e);
    hr = IEnumVARIANT_Next(e, 2, v, NULL);
    ok(hr == S_OK && V_VT(&v[0]) == VT_BSTR && V_VT(&v[1]) == VT_BSTR, "Next(2, NULL) returned %08lx\n", hr);
    VariantClear(&v[0]);
    VariantClear(&v[1]);
    fetched = 7;
    hr = IEnumVARIANT_Next(e, 1, NULL, &fetched);
    ok(hr == E_POINTER && fetched == 0, "Next(NULL array) returned %08lx, fetched %lu\n", hr, fetched);
    IEnumVARIANT_Release(e);
done:
    IDiscMaster2_Release(m);
}

/* The source interface exists and takes sinks. Arrival/removal are not fired under Wine
 * (see discmaster.c); here only the plumbing is checked. */
static void test_events(void)
{
    IDiscMaster2 *m = new_master();
    IConnectionPointContainer *cpc = NULL;
    IConnectionPoint *cp = NULL;
    IID iid;
    HRESULT hr;
    if (!m) return;
    hr = IDiscMaster2_QueryInterface(m, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(hr == S_OK, "QueryInterface(IConnectionPointContainer) returned %08lx\n", hr);
    if (cpc)
    {
        hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscMaster2Events, &cp);
        ok(hr == S_OK && cp, "FindConnectionPoint(DDiscMaster2Events) returned %08lx\n", hr);
        if (cp)
        {
            hr = IConnectionPoint_GetConnectionInterface(cp, &iid);
            ok(hr == S_OK && IsEqualIID(&iid, &IID_DDiscMaster2Events), "GetConnectionInterface: %08lx\n", hr);
            IConnectionPoint_Release(cp);
        }
        IConnectionPointContainer_Release(cpc);
    }
    IDiscMaster2_Release(m);
}

/* HKLM\Software\Wine\IMAPI2\EmulatedRecorders\<name>: Path and DriveLetter. */
static void test_registry(void)
{
    static const WCHAR keyname[] = L"Software\\Wine\\IMAPI2\\EmulatedRecorders";
    WCHAR dir[MAX_PATH], path[MAX_PATH], want[128];
    IDiscMaster2 *m;
    IDiscRecorder2 *r = NULL;
    LONG before = 0, after = 0, i;
    HKEY key, sub;
    BOOL found = FALSE, missing_found = FALSE;
    SAFEARRAY *sa = NULL;
    BSTR id = NULL, missing = NULL, product = NULL;
    IEnumVARIANT *snapshot = NULL;
    HRESULT hr;

    if (passthrough) return;   /* the registry route is the same code in both runs */
    if (!GetEnvironmentVariableW(L"IMAPI_TEST_RECORDERS_WIN", dir, ARRAYSIZE(dir)))
    {
        ok(0, "IMAPI_TEST_RECORDERS_WIN is not set\n");
        return;
    }
    if (!(m = new_master())) return;
    IDiscMaster2_get_Count(m, &before);
    hr = IDiscMaster2_get__NewEnum(m, &snapshot);
    ok(hr == S_OK, "get__NewEnum returned %08lx\n", hr);

    ok(!RegCreateKeyExW(HKEY_LOCAL_MACHINE, keyname, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL), "cannot create the key\n");
    swprintf(path, ARRAYSIZE(path), L"%ls\\BlankCDR", dir);
    RegCreateKeyExW(key, L"Registered One", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    RegSetValueExW(sub, L"Path", 0, REG_SZ, (BYTE *)path, (DWORD)(wcslen(path) + 1) * sizeof(WCHAR));
    RegSetValueExW(sub, L"DriveLetter", 0, REG_SZ, (BYTE *)L"K:", 3 * sizeof(WCHAR));
    RegCloseKey(sub);
    swprintf(path, ARRAYSIZE(path), L"%ls\\NoSuchRecorder", dir);
    RegCreateKeyExW(key, L"Missing", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
    RegSetValueExW(sub, L"Path", 0, REG_SZ, (BYTE *)path, (DWORD)(wcslen(path) + 1) * sizeof(WCHAR));
    RegCloseKey(sub);

    hr = IDiscMaster2_get_Count(m, &after);
    ok(hr == S_OK && after == before + 2, "Count %ld with two registered recorders, %ld before\n", after, before);
    /* the enumerator taken before is a snapshot: it does not see them */
    if (snapshot)
    {
        VARIANT v;
        LONG seen = 0;
        ULONG got;
        while (IEnumVARIANT_Next(snapshot, 1, &v, &got) == S_OK && got == 1) { VariantClear(&v); seen++; }
        ok(seen == before, "the earlier enumerator yields %ld IDs, %ld when it was made\n", seen, before);
        IEnumVARIANT_Release(snapshot);
    }
    /* characters outside [A-Za-z0-9._-] become '_' */
    wcscpy(want, L"\\\\?\\imapi2emu#cdrom#Registered_One#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}");
    for (i = 0; i < after; i++)
    {
        BSTR s = NULL;
        if (IDiscMaster2_get_Item(m, i, &s) != S_OK) continue;
        if (!_wcsicmp(s, want)) { found = TRUE; id = SysAllocString(s); }
        if (wcsstr(s, L"#cdrom#Missing#")) { missing_found = TRUE; missing = SysAllocString(s); }
        SysFreeString(s);
    }
    ok(found, "no recorder with the id %s\n", wine_dbgstr_w(want));
    ok(missing_found, "the recorder with a missing directory is not listed\n");

    hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&r);
    if (r && id)
    {
        hr = IDiscRecorder2_InitializeDiscRecorder(r, id);
        ok(hr == S_OK, "InitializeDiscRecorder of the registered recorder returned %08lx\n", hr);
        hr = IDiscRecorder2_get_ProductId(r, &product);
        ok(hr == S_OK && product && !wcscmp(product, L"IMAPI BLANKCDR"), "ProductId %s\n", wine_dbgstr_w(product));
        SysFreeString(product);
        hr = IDiscRecorder2_get_VolumePathNames(r, &sa);
        ok(hr == S_OK && sa, "VolumePathNames: %08lx\n", hr);
        if (sa)
        {
            VARIANT *v;
            LONG hi = -1;
            SafeArrayGetUBound(sa, 1, &hi);
            ok(hi == 0, "%ld volume paths, expected the DriveLetter\n", hi + 1);
            if (hi == 0 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&v)))
            {
                ok(V_VT(&v[0]) == VT_BSTR && !wcscmp(V_BSTR(&v[0]), L"K:\\"), "volume path %s\n",
                   V_VT(&v[0]) == VT_BSTR ? wine_dbgstr_w(V_BSTR(&v[0])) : "?");
                SafeArrayUnaccessData(sa);
            }
            SafeArrayDestroy(sa);
        }
    }
    if (r && missing)
    {
        hr = IDiscRecorder2_InitializeDiscRecorder(r, missing);
        ok(hr == HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST), "InitializeDiscRecorder of a missing directory returned %08lx\n", hr);
        /* the failed call leaves the earlier drive in place */
        if (id)
        {
            BSTR active = NULL;
            hr = IDiscRecorder2_get_ActiveDiscRecorder(r, &active);
            ok(hr == S_OK && active && !wcscmp(active, id), "ActiveDiscRecorder after a failed switch: %08lx %s\n", hr, wine_dbgstr_w(active));
            SysFreeString(active);
        }
    }
    if (r) IDiscRecorder2_Release(r);
    {
        BOOL supported = FALSE;
        VARIANT_BOOL b = VARIANT_FALSE;
        hr = IDiscMaster2_get_IsSupportedEnvironment(m, &b);
        supported = hr == S_OK && b == VARIANT_TRUE;
        ok(supported, "IsSupportedEnvironment with one broken recorder: %08lx %d\n", hr, b);
    }

    RegDeleteKeyW(key, L"Registered One");
    RegDeleteKeyW(key, L"Missing");
    RegCloseKey(key);
    hr = IDiscMaster2_get_Count(m, &after);
    ok(hr == S_OK && after == before, "Count %ld after removing them, %ld before (Count is live)\n", after, before);
    SysFreeString(id);
    SysFreeString(missing);
    IDiscMaster2_Release(m);
}

START_TEST(discmaster)
{
    char transport[32] = "";
    HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == S_OK, "CoInitializeEx returned %08lx\n", hr);
    GetEnvironmentVariableA("IMAPI_TEST_TRANSPORT", transport, sizeof(transport));
    passthrough = !strcmp(transport, "passthrough");
    test_collection();
    test_events();
    test_registry();
    CoUninitialize();
}
