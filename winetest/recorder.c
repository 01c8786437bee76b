/* MsftDiscRecorder2 (IDiscRecorder2, IDiscRecorder2Ex) against the emulated recorders of
 * winetest/setup-recorders.sh, in several states. The same test runs once with the
 * recorders in process (IMAPI_TEST_TRANSPORT=emulated) and once behind CD-ROM drive
 * letters through SCSI pass-through (IMAPI_TEST_TRANSPORT=passthrough); recorders are
 * found by their INQUIRY product id, never by position. */
#include <initguid.h>
#include <stdio.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"

static BOOL passthrough;

struct known { const WCHAR *product; BSTR id; LONG index; };
static struct known recorders[] =
{
    { L"IMAPI EMPTY" }, { L"IMAPI BLANKCDR" }, { L"IMAPI DVDPLUSRW" }, { L"IMAPI BDR" }, { L"IMAPI WRITEPROT" },
};
enum { R_EMPTY, R_CDR, R_DVDPRW, R_BDR, R_WPROT };

static IDiscRecorder2 *new_recorder(void)
{
    IDiscRecorder2 *r = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&r);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscRecorder2) returned %08lx\n", hr);
    return r;
}

static IDiscRecorder2 *open_recorder(int which)
{
    IDiscRecorder2 *r;
    HRESULT hr;
    if (!recorders[which].id) return NULL;
    if (!(r = new_recorder())) return NULL;
    hr = IDiscRecorder2_InitializeDiscRecorder(r, recorders[which].id);
    ok(hr == S_OK, "InitializeDiscRecorder(%s) returned %08lx\n", wine_dbgstr_w(recorders[which].product), hr);
    if (hr != S_OK) { IDiscRecorder2_Release(r); return NULL; }
    return r;
}

static IDiscRecorder2Ex *ex_of(IDiscRecorder2 *r)
{
    IDiscRecorder2Ex *ex = NULL;
    HRESULT hr = IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    ok(hr == S_OK, "QueryInterface(IDiscRecorder2Ex) returned %08lx\n", hr);
    return ex;
}

/* Enumerate with IDiscMaster2 and find every recorder of the setup by its product id. */
static void find_recorders(void)
{
    IDiscMaster2 *master = NULL;
    LONG count = 0, i;
    unsigned k;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2, (void **)&master);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscMaster2) returned %08lx\n", hr);
    if (!master) return;
    hr = IDiscMaster2_get_Count(master, &count);
    ok(hr == S_OK && count >= (LONG)ARRAYSIZE(recorders), "Count: %08lx, %ld drives\n", hr, count);
    for (i = 0; i < count; i++)
    {
        IDiscRecorder2 *r;
        BSTR id = NULL, product = NULL;
        hr = IDiscMaster2_get_Item(master, i, &id);
        ok(hr == S_OK && id, "Item(%ld) returned %08lx\n", i, hr);
        if (!id) continue;
        if ((r = new_recorder()) && IDiscRecorder2_InitializeDiscRecorder(r, id) == S_OK
            && IDiscRecorder2_get_ProductId(r, &product) == S_OK)
        {
            for (k = 0; k < ARRAYSIZE(recorders); k++)
                if (!wcscmp(product, recorders[k].product) && !recorders[k].id)
                {
                    recorders[k].id = SysAllocString(id);
                    recorders[k].index = i;
                }
        }
        SysFreeString(product);
        if (r) IDiscRecorder2_Release(r);
        SysFreeString(id);
    }
    for (k = 0; k < ARRAYSIZE(recorders); k++)
        ok(recorders[k].id != NULL, "recorder %s not found among %ld drives\n", wine_dbgstr_w(recorders[k].product), count);
    IDiscMaster2_Release(master);
}

/* ---- helpers on SAFEARRAYs of VARIANTs ---- */

static LONG sa_count(SAFEARRAY *sa)
{
    LONG lo = 0, hi = -1;
    if (!sa) return -1;
    SafeArrayGetLBound(sa, 1, &lo);
    SafeArrayGetUBound(sa, 1, &hi);
    return hi - lo + 1;
}

/* All elements VT_I4? And does it hold value? */
static BOOL sa_has_i4(SAFEARRAY *sa, LONG value, BOOL *all_i4)
{
    LONG n = sa_count(sa), i;
    VARIANT *v;
    BOOL found = FALSE;
    *all_i4 = TRUE;
    if (n <= 0 || FAILED(SafeArrayAccessData(sa, (void **)&v))) return FALSE;
    for (i = 0; i < n; i++)
    {
        if (V_VT(&v[i]) != VT_I4) *all_i4 = FALSE;
        else if (V_I4(&v[i]) == value) found = TRUE;
    }
    SafeArrayUnaccessData(sa);
    return found;
}

/* ---- not initialized, NULL pointers ---- */

static void test_uninitialized(void)
{
    IDiscRecorder2 *r = new_recorder();
    IDiscRecorder2Ex *ex;
    BSTR s = (BSTR)0xdead;
    SAFEARRAY *sa = (SAFEARRAY *)0xdead;
    VARIANT_BOOL b;
    LONG l;
    ULONG u;
    BYTE *data, sense[18], cdb[6] = { 0 }, buf[36];
    IMAPI_PROFILE_TYPE *profiles;
    HRESULT hr;
    BSTR name = SysAllocString(L"tester");
    BSTR empty = SysAllocString(L""), bogus = SysAllocString(L"\\\\?\\nosuch#cdrom#x#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}");

    if (!r) return;
    ex = ex_of(r);

    /* documented argument errors */
    hr = IDiscRecorder2_InitializeDiscRecorder(r, NULL);
    ok(hr == E_INVALIDARG, "InitializeDiscRecorder(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_InitializeDiscRecorder(r, empty);
    ok(hr == E_INVALIDARG, "InitializeDiscRecorder(\"\") returned %08lx\n", hr);
    hr = IDiscRecorder2_InitializeDiscRecorder(r, bogus);
    ok(hr == E_INVALIDARG, "InitializeDiscRecorder(unknown id) returned %08lx\n", hr);

    /* NULL output pointers come first */
    hr = IDiscRecorder2_get_ActiveDiscRecorder(r, NULL);
    ok(hr == E_POINTER, "get_ActiveDiscRecorder(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_VendorId(r, NULL);
    ok(hr == E_POINTER, "get_VendorId(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_VolumePathNames(r, NULL);
    ok(hr == E_POINTER, "get_VolumePathNames(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_DeviceCanLoadMedia(r, NULL);
    ok(hr == E_POINTER, "get_DeviceCanLoadMedia(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_LegacyDeviceNumber(r, NULL);
    ok(hr == E_POINTER, "get_LegacyDeviceNumber(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_SupportedProfiles(r, NULL);
    ok(hr == E_POINTER, "get_SupportedProfiles(NULL) returned %08lx\n", hr);
    hr = IDiscRecorder2_get_ExclusiveAccessOwner(r, NULL);
    ok(hr == E_POINTER, "get_ExclusiveAccessOwner(NULL) returned %08lx\n", hr);

    /* then "no recorder" (our choice where Windows documents nothing: E_IMAPI_RECORDER_REQUIRED) */
#define REQ(call) do { hr = (call); ok(hr == E_IMAPI_RECORDER_REQUIRED, #call " returned %08lx\n", hr); } while (0)
    REQ(IDiscRecorder2_EjectMedia(r));
    REQ(IDiscRecorder2_CloseTray(r));
    REQ(IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, name));
    REQ(IDiscRecorder2_ReleaseExclusiveAccess(r));
    REQ(IDiscRecorder2_DisableMcn(r));
    REQ(IDiscRecorder2_EnableMcn(r));
    REQ(IDiscRecorder2_get_ActiveDiscRecorder(r, &s));
    ok(s == NULL, "ActiveDiscRecorder output not cleared\n");
    REQ(IDiscRecorder2_get_VendorId(r, &s));
    REQ(IDiscRecorder2_get_ProductId(r, &s));
    REQ(IDiscRecorder2_get_ProductRevision(r, &s));
    REQ(IDiscRecorder2_get_VolumeName(r, &s));
    REQ(IDiscRecorder2_get_VolumePathNames(r, &sa));
    ok(sa == NULL, "VolumePathNames output not cleared\n");
    REQ(IDiscRecorder2_get_DeviceCanLoadMedia(r, &b));
    REQ(IDiscRecorder2_get_LegacyDeviceNumber(r, &l));
    REQ(IDiscRecorder2_get_SupportedFeaturePages(r, &sa));
    REQ(IDiscRecorder2_get_CurrentFeaturePages(r, &sa));
    REQ(IDiscRecorder2_get_SupportedProfiles(r, &sa));
    REQ(IDiscRecorder2_get_CurrentProfiles(r, &sa));
    REQ(IDiscRecorder2_get_SupportedModePages(r, &sa));
    REQ(IDiscRecorder2_get_ExclusiveAccessOwner(r, &s));
    if (ex)
    {
        REQ(IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 6, sense, 10));
        cdb[0] = 0x12; cdb[4] = sizeof(buf);
        REQ(IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 6, sense, 10, buf, sizeof(buf), &u));
        REQ(IDiscRecorder2Ex_GetDiscInformation(ex, &data, &u));
        REQ(IDiscRecorder2Ex_GetTrackInformation(ex, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, &data, &u));
        REQ(IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_CORE, FALSE, &data, &u));
        REQ(IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_LEGACY_CAPABILITIES, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &u));
        REQ(IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, buf, 8));
        REQ(IDiscRecorder2Ex_ReadDvdStructure(ex, 0, 0, 0, 0, &data, &u));
        REQ(IDiscRecorder2Ex_SendDvdStructure(ex, 0, buf, 4));
        REQ(IDiscRecorder2Ex_GetAdapterDescriptor(ex, &data, &u));
        REQ(IDiscRecorder2Ex_GetDeviceDescriptor(ex, &data, &u));
        REQ(IDiscRecorder2Ex_GetSupportedProfiles(ex, FALSE, &profiles, &u));
        REQ(IDiscRecorder2Ex_GetByteAlignmentMask(ex, &u));
        REQ(IDiscRecorder2Ex_GetMaximumNonPageAlignedTransferSize(ex, &u));
        REQ(IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(ex, &u));
        hr = IDiscRecorder2Ex_GetByteAlignmentMask(ex, NULL);
        ok(hr == E_POINTER, "GetByteAlignmentMask(NULL) returned %08lx\n", hr);
        hr = IDiscRecorder2Ex_GetDiscInformation(ex, NULL, &u);
        ok(hr == E_POINTER, "GetDiscInformation(NULL) returned %08lx\n", hr);
        IDiscRecorder2Ex_Release(ex);
    }
#undef REQ
    SysFreeString(name);
    SysFreeString(empty);
    SysFreeString(bogus);
    IDiscRecorder2_Release(r);
}

/* ---- identity, volume paths, ids ---- */

static void test_identity(void)
{
    unsigned k;
    for (k = 0; k < ARRAYSIZE(recorders); k++)
    {
        IDiscRecorder2 *r = open_recorder(k);
        BSTR s = NULL;
        SAFEARRAY *sa = NULL;
        LONG l = -1;
        VARIANT_BOOL b = 7;
        HRESULT hr;
        if (!r) continue;
        winetest_push_context("%s", wine_dbgstr_w(recorders[k].product));

        hr = IDiscRecorder2_get_ActiveDiscRecorder(r, &s);
        ok(hr == S_OK && s && !wcscmp(s, recorders[k].id), "ActiveDiscRecorder: %08lx %s\n", hr, wine_dbgstr_w(s));
        SysFreeString(s); s = NULL;
        /* the documented shape of IDs: a device interface path of the CD-ROM class */
        ok(!wcsncmp(recorders[k].id, L"\\\\?\\", 4) && wcsstr(recorders[k].id, L"#{53f56308-b6bf-11d0-94f2-00a0c91efb8b}"),
           "id %s is not a CD-ROM device interface path\n", wine_dbgstr_w(recorders[k].id));
        if (passthrough)
            ok(!_wcsnicmp(recorders[k].id, L"\\\\?\\imapi2letter#cdrom#", 23), "pass-through drive has id %s\n", wine_dbgstr_w(recorders[k].id));
        else
        {
            static const WCHAR *dirs[] = { L"#cdrom#Empty#", L"#cdrom#BlankCDR#", L"#cdrom#DVDPlusRW#", L"#cdrom#BDR#", L"#cdrom#WriteProt#" };
            ok(!_wcsnicmp(recorders[k].id, L"\\\\?\\imapi2emu#cdrom#", 20), "emulated recorder has id %s\n", wine_dbgstr_w(recorders[k].id));
            ok(wcsstr(recorders[k].id, dirs[k]) != NULL, "id %s does not name the directory\n", wine_dbgstr_w(recorders[k].id));
        }

        hr = IDiscRecorder2_get_VendorId(r, &s);
        ok(hr == S_OK && s && !wcscmp(s, L"IMAPITST"), "VendorId: %08lx %s\n", hr, wine_dbgstr_w(s));
        SysFreeString(s); s = NULL;
        hr = IDiscRecorder2_get_ProductRevision(r, &s);
        ok(hr == S_OK && s && !wcscmp(s, L"1.00"), "ProductRevision: %08lx %s\n", hr, wine_dbgstr_w(s));
        SysFreeString(s); s = NULL;

        hr = IDiscRecorder2_get_VolumeName(r, &s);
        ok(hr == S_OK && s != NULL, "VolumeName: %08lx\n", hr);
        if (!passthrough) ok(s && !*s, "emulated recorder without letter has volume name %s\n", wine_dbgstr_w(s));
        else ok(s && !wcsncmp(s, L"\\\\?\\Volume{", 11) && wcslen(s) > 12 && !wcscmp(s + wcslen(s) - 2, L"}\\"),
                "volume name %s is not a volume GUID path\n", wine_dbgstr_w(s));
        SysFreeString(s); s = NULL;

        hr = IDiscRecorder2_get_VolumePathNames(r, &sa);
        ok(hr == S_OK && sa, "VolumePathNames: %08lx\n", hr);
        if (sa)
        {
            VARTYPE vt = 0;
            SafeArrayGetVartype(sa, &vt);
            ok(vt == VT_VARIANT, "VolumePathNames is an array of %u\n", vt);
            if (passthrough)
            {
                VARIANT *v;
                ok(sa_count(sa) == 1, "pass-through drive has %ld volume paths\n", sa_count(sa));
                if (sa_count(sa) == 1 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&v)))
                {
                    ok(V_VT(&v[0]) == VT_BSTR && wcslen(V_BSTR(&v[0])) == 3 && V_BSTR(&v[0])[1] == ':' && V_BSTR(&v[0])[2] == '\\',
                       "volume path %s\n", V_VT(&v[0]) == VT_BSTR ? wine_dbgstr_w(V_BSTR(&v[0])) : "not a BSTR");
                    SafeArrayUnaccessData(sa);
                }
            }
            else ok(sa_count(sa) == 0, "emulated recorder without letter has %ld volume paths\n", sa_count(sa));
            SafeArrayDestroy(sa);
        }

        hr = IDiscRecorder2_get_LegacyDeviceNumber(r, &l);
        ok(hr == S_OK && l == recorders[k].index, "LegacyDeviceNumber: %08lx %ld, enumerated at %ld\n", hr, l, recorders[k].index);
        hr = IDiscRecorder2_get_DeviceCanLoadMedia(r, &b);
        ok(hr == S_OK && b == VARIANT_TRUE, "DeviceCanLoadMedia: %08lx %d (the drive reports a tray with Load and Eject)\n", hr, b);
        winetest_pop_context();
        IDiscRecorder2_Release(r);
    }
}

/* ---- features, profiles, mode pages through IDiscRecorder2 ---- */

static void test_features_profiles(void)
{
    IDiscRecorder2 *r;
    SAFEARRAY *sa;
    BOOL all, has;
    HRESULT hr;

    if ((r = open_recorder(R_EMPTY)))
    {
        sa = NULL;
        hr = IDiscRecorder2_get_SupportedFeaturePages(r, &sa);
        ok(hr == S_OK && sa, "SupportedFeaturePages: %08lx\n", hr);
        has = sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_PROFILE_LIST, &all);
        ok(has && all, "SupportedFeaturePages: profile list %d, all VT_I4 %d\n", has, all);
        ok(sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, &all), "DVD+RW feature not supported\n");
        ok(sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_REMOVABLE_MEDIUM, &all), "removable medium feature missing\n");
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentFeaturePages(r, &sa);
        ok(hr == S_OK && sa, "CurrentFeaturePages: %08lx\n", hr);
        ok(sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_CORE, &all), "core feature not current\n");
        ok(!sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, &all), "DVD+RW feature current without a disc\n");
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_SupportedProfiles(r, &sa);
        ok(hr == S_OK && sa, "SupportedProfiles: %08lx\n", hr);
        ok(sa_has_i4(sa, IMAPI_PROFILE_TYPE_CD_RECORDABLE, &all) && all, "CD-R profile missing\n");
        ok(sa_has_i4(sa, IMAPI_PROFILE_TYPE_DVD_PLUS_RW, &all), "DVD+RW profile missing\n");
        ok(sa_has_i4(sa, IMAPI_PROFILE_TYPE_BD_R_SEQUENTIAL, &all), "BD-R profile missing\n");
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentProfiles(r, &sa);
        ok(hr == S_OK && sa && sa_count(sa) == 0, "CurrentProfiles without a disc: %08lx, %ld\n", hr, sa_count(sa));
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_SupportedModePages(r, &sa);
        ok(hr == S_OK && sa, "SupportedModePages: %08lx\n", hr);
        has = sa_has_i4(sa, IMAPI_MODE_PAGE_TYPE_LEGACY_CAPABILITIES, &all);
        ok(has && all, "SupportedModePages: page 2Ah %d, all VT_I4 %d\n", has, all);
        ok(sa_has_i4(sa, IMAPI_MODE_PAGE_TYPE_WRITE_PARAMETERS, &all), "write parameters page missing\n");
        SafeArrayDestroy(sa);
        IDiscRecorder2_Release(r);
    }
    if ((r = open_recorder(R_CDR)))
    {
        LONG n;
        VARIANT *v;
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentProfiles(r, &sa);
        ok(hr == S_OK && sa, "CurrentProfiles: %08lx\n", hr);
        n = sa_count(sa);
        ok(n == 1, "blank CD-R: %ld current profiles\n", n);
        if (n == 1 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&v)))
        {
            ok(V_VT(&v[0]) == VT_I4 && V_I4(&v[0]) == IMAPI_PROFILE_TYPE_CD_RECORDABLE, "current profile %ld\n", V_I4(&v[0]));
            SafeArrayUnaccessData(sa);
        }
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentFeaturePages(r, &sa);
        ok(hr == S_OK && sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_CD_TRACK_AT_ONCE, &all), "TAO not current on CD-R: %08lx\n", hr);
        ok(!sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, &all), "DVD+RW current on CD-R\n");
        SafeArrayDestroy(sa);
        IDiscRecorder2_Release(r);
    }
    if ((r = open_recorder(R_DVDPRW)))
    {
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentProfiles(r, &sa);
        ok(hr == S_OK && sa_count(sa) == 1 && sa_has_i4(sa, IMAPI_PROFILE_TYPE_DVD_PLUS_RW, &all), "DVD+RW current profiles: %08lx\n", hr);
        SafeArrayDestroy(sa);
        sa = NULL;
        hr = IDiscRecorder2_get_CurrentFeaturePages(r, &sa);
        ok(hr == S_OK && sa_has_i4(sa, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, &all), "DVD+RW feature not current: %08lx\n", hr);
        SafeArrayDestroy(sa);
        IDiscRecorder2_Release(r);
    }
}

/* ---- exclusive access and MCN ---- */

static void test_exclusive(void)
{
    IDiscRecorder2 *a = open_recorder(R_DVDPRW), *b = open_recorder(R_DVDPRW);
    /* characters IOCTL_CDROM_EXCLUSIVE_ACCESS refuses, or more than 63 of them */
    static const WCHAR *bad[] = { L"bad/name", L"tab\tname", L"0123456789012345678901234567890123456789012345678901234567890123" };
    BSTR ca = SysAllocString(L"Client A"), cb = SysAllocString(L"Client_B"), s;
    SAFEARRAY *sa;
    unsigned i;
    HRESULT hr;

    if (!a || !b) goto done;
    /* documented: the name "cannot be NULL or a zero-length string"; E_INVALIDARG */
    hr = IDiscRecorder2_AcquireExclusiveAccess(a, VARIANT_FALSE, NULL);
    ok(hr == E_INVALIDARG, "Acquire(NULL name) returned %08lx\n", hr);
    s = SysAllocString(L"");
    hr = IDiscRecorder2_AcquireExclusiveAccess(a, VARIANT_TRUE, s);
    ok(hr == E_INVALIDARG, "Acquire(empty name) returned %08lx\n", hr);
    SysFreeString(s);
    for (i = 0; i < ARRAYSIZE(bad); i++)
    {
        BSTR n = SysAllocString(bad[i]);
        hr = IDiscRecorder2_AcquireExclusiveAccess(a, VARIANT_TRUE, n);
        ok(hr == E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID, "Acquire(bad name %u) returned %08lx\n", i, hr);
        SysFreeString(n);
    }

    s = NULL;
    hr = IDiscRecorder2_get_ExclusiveAccessOwner(b, &s);
    ok(hr == S_OK && s && !*s, "owner of a free drive: %08lx %s\n", hr, wine_dbgstr_w(s));
    SysFreeString(s);

    hr = IDiscRecorder2_AcquireExclusiveAccess(a, VARIANT_FALSE, ca);
    ok(hr == S_OK, "Acquire returned %08lx\n", hr);
    hr = IDiscRecorder2_AcquireExclusiveAccess(a, VARIANT_TRUE, ca);
    ok(hr == S_OK, "second Acquire (counted) returned %08lx\n", hr);
    hr = IDiscRecorder2_AcquireExclusiveAccess(b, VARIANT_TRUE, cb);
    ok(hr == E_ACCESSDENIED, "Acquire of a held drive returned %08lx\n", hr);
    s = NULL;
    hr = IDiscRecorder2_get_ExclusiveAccessOwner(b, &s);
    ok(hr == S_OK && s && !wcscmp(s, L"Client A"), "owner: %08lx %s\n", hr, wine_dbgstr_w(s));
    SysFreeString(s);

    /* the other client's commands fail; its INQUIRY data stays readable */
    sa = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(b, &sa);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "CurrentProfiles of a locked-out client returned %08lx\n", hr);
    SafeArrayDestroy(sa);
    hr = IDiscRecorder2_DisableMcn(b);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "DisableMcn of a locked-out client returned %08lx\n", hr);
    hr = IDiscRecorder2_EjectMedia(b);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "EjectMedia of a locked-out client returned %08lx\n", hr);
    s = NULL;
    hr = IDiscRecorder2_get_ProductId(b, &s);
    ok(hr == S_OK && s && !wcscmp(s, L"IMAPI DVDPLUSRW"), "ProductId while locked: %08lx\n", hr);
    SysFreeString(s);
    sa = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(a, &sa);
    ok(hr == S_OK, "the holder's CurrentProfiles returned %08lx\n", hr);
    SafeArrayDestroy(sa);

    /* a third object initialized on the held drive: succeeds (documented), then is locked out */
    {
        IDiscRecorder2 *c = open_recorder(R_DVDPRW);
        if (c)
        {
            sa = NULL;
            hr = IDiscRecorder2_get_SupportedModePages(c, &sa);
            ok(hr == E_IMAPI_RECORDER_LOCKED, "SupportedModePages of a third client returned %08lx\n", hr);
            SafeArrayDestroy(sa);
            IDiscRecorder2_Release(c);
        }
    }

    hr = IDiscRecorder2_ReleaseExclusiveAccess(a);
    ok(hr == S_OK, "Release returned %08lx\n", hr);
    sa = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(b, &sa);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "still locked after one of two releases: %08lx\n", hr);
    SafeArrayDestroy(sa);
    hr = IDiscRecorder2_ReleaseExclusiveAccess(a);
    ok(hr == S_OK, "second Release returned %08lx\n", hr);
    sa = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(b, &sa);
    ok(hr == S_OK, "CurrentProfiles after the release returned %08lx\n", hr);
    SafeArrayDestroy(sa);
    hr = IDiscRecorder2_ReleaseExclusiveAccess(a);
    ok(hr == S_OK, "Release without Acquire returned %08lx\n", hr);

    /* the lock goes with its holder */
    hr = IDiscRecorder2_AcquireExclusiveAccess(b, VARIANT_FALSE, cb);
    ok(hr == S_OK, "Acquire by the other client returned %08lx\n", hr);
    IDiscRecorder2_Release(b);
    b = NULL;
    sa = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(a, &sa);
    ok(hr == S_OK, "CurrentProfiles after the holder went away returned %08lx\n", hr);
    SafeArrayDestroy(sa);

    /* MCN: counted, Enable at 0 is harmless */
    hr = IDiscRecorder2_DisableMcn(a);
    ok(hr == S_OK, "DisableMcn returned %08lx\n", hr);
    hr = IDiscRecorder2_DisableMcn(a);
    ok(hr == S_OK, "second DisableMcn returned %08lx\n", hr);
    for (i = 0; i < 3; i++)
    {
        hr = IDiscRecorder2_EnableMcn(a);
        ok(hr == S_OK, "EnableMcn %u returned %08lx\n", i, hr);
    }
done:
    if (a) IDiscRecorder2_Release(a);
    if (b) IDiscRecorder2_Release(b);
    SysFreeString(ca);
    SysFreeString(cb);
}

/* Another process holds the drive; when it ends without releasing, the lock goes with it
 * (as CDROM.SYS drops it with the handle). */
static void child_hold_exclusive(const char *id_a)
{
    WCHAR idw[512];
    BSTR id, name = SysAllocString(L"Other Process");
    IDiscRecorder2 *r;
    HANDLE held = OpenEventA(EVENT_MODIFY_STATE, FALSE, "imapi2-winetest-held");
    HRESULT hr;
    MultiByteToWideChar(CP_ACP, 0, id_a, -1, idw, ARRAYSIZE(idw));
    id = SysAllocString(idw);
    if (!(r = new_recorder())) return;
    hr = IDiscRecorder2_InitializeDiscRecorder(r, id);
    ok(hr == S_OK, "child: InitializeDiscRecorder returned %08lx\n", hr);
    hr = IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, name);
    ok(hr == S_OK, "child: Acquire returned %08lx\n", hr);
    SetEvent(held);
    Sleep(30000);   /* ended by the parent */
}

static void test_exclusive_other_process(void)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char exe[MAX_PATH], cmd[MAX_PATH + 600], id_a[512];
    HANDLE nul, held;
    IDiscRecorder2 *r;
    SAFEARRAY *arr = NULL;
    BSTR s = NULL, name = SysAllocString(L"Parent");
    HRESULT hr;

    if (!recorders[R_DVDPRW].id || !(r = open_recorder(R_DVDPRW))) return;
    WideCharToMultiByte(CP_ACP, 0, recorders[R_DVDPRW].id, -1, id_a, sizeof(id_a), NULL, NULL);
    held = CreateEventA(NULL, TRUE, FALSE, "imapi2-winetest-held");
    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" hold_exclusive \"%s\"", exe, id_a);
    nul = CreateFileA("NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = nul;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "could not start the child: error %lu\n", GetLastError());
        goto done;
    }
    ok(WaitForSingleObject(held, 30000) == WAIT_OBJECT_0, "the child did not take the drive\n");

    hr = IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, name);
    ok(hr == E_ACCESSDENIED, "Acquire of a drive another process holds: %08lx\n", hr);
    hr = IDiscRecorder2_get_ExclusiveAccessOwner(r, &s);
    ok(hr == S_OK && s && !wcscmp(s, L"Other Process"), "owner %08lx %s\n", hr, wine_dbgstr_w(s));
    SysFreeString(s); s = NULL;
    hr = IDiscRecorder2_get_CurrentProfiles(r, &arr);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "CurrentProfiles while another process holds the drive: %08lx\n", hr);
    SafeArrayDestroy(arr); arr = NULL;

    TerminateProcess(pi.hProcess, 0);   /* ends without ReleaseExclusiveAccess */
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    hr = IDiscRecorder2_get_CurrentProfiles(r, &arr);
    ok(hr == S_OK, "CurrentProfiles after the holder's process ended: %08lx\n", hr);
    SafeArrayDestroy(arr);
    hr = IDiscRecorder2_get_ExclusiveAccessOwner(r, &s);
    ok(hr == S_OK && s && !*s, "owner after the holder's process ended: %08lx %s\n", hr, wine_dbgstr_w(s));
    SysFreeString(s);
    hr = IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, name);
    ok(hr == S_OK, "Acquire after the holder's process ended: %08lx\n", hr);
    hr = IDiscRecorder2_ReleaseExclusiveAccess(r);
    ok(hr == S_OK, "Release returned %08lx\n", hr);
done:
    CloseHandle(nul);
    CloseHandle(held);
    SysFreeString(name);
    IDiscRecorder2_Release(r);
}

/* A second InitializeDiscRecorder switches drives and gives back the first one's lock. */
static void test_reinitialize(void)
{
    IDiscRecorder2 *r = open_recorder(R_EMPTY), *other = open_recorder(R_EMPTY);
    BSTR name = SysAllocString(L"Switcher"), s = NULL;
    HRESULT hr;
    if (!r || !other || !recorders[R_CDR].id) goto done;
    hr = IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, name);
    ok(hr == S_OK, "Acquire returned %08lx\n", hr);
    hr = IDiscRecorder2_InitializeDiscRecorder(r, recorders[R_CDR].id);
    ok(hr == S_OK, "second InitializeDiscRecorder returned %08lx\n", hr);
    hr = IDiscRecorder2_get_ActiveDiscRecorder(r, &s);
    ok(hr == S_OK && s && !wcscmp(s, recorders[R_CDR].id), "ActiveDiscRecorder after the switch: %s\n", wine_dbgstr_w(s));
    SysFreeString(s); s = NULL;
    hr = IDiscRecorder2_get_ProductId(r, &s);
    ok(hr == S_OK && s && !wcscmp(s, L"IMAPI BLANKCDR"), "ProductId after the switch: %s\n", wine_dbgstr_w(s));
    SysFreeString(s);
    hr = IDiscRecorder2_AcquireExclusiveAccess(other, VARIANT_FALSE, name);
    ok(hr == S_OK, "the first drive is still held after the switch: %08lx\n", hr);
    IDiscRecorder2_ReleaseExclusiveAccess(other);
done:
    SysFreeString(name);
    if (r) IDiscRecorder2_Release(r);
    if (other) IDiscRecorder2_Release(other);
}

/* ---- EjectMedia / CloseTray ---- */

static HRESULT disc_info_hr(IDiscRecorder2Ex *ex)
{
    BYTE *data = NULL;
    ULONG size = 0;
    HRESULT hr = IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size);
    CoTaskMemFree(data);
    return hr;
}

static void test_eject_close(void)
{
    IDiscRecorder2 *r = open_recorder(R_DVDPRW);
    IDiscRecorder2Ex *ex;
    BYTE cdb[6] = { 0x1E, 0, 0, 0, 1, 0 }, sense[18];
    HRESULT hr;
    if (!r) return;
    ex = ex_of(r);
    ok(disc_info_hr(ex) == S_OK, "no disc information before eject\n");
    hr = IDiscRecorder2_EjectMedia(r);
    ok(hr == S_OK, "EjectMedia returned %08lx\n", hr);
    hr = disc_info_hr(ex);
    ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "disc information with the tray open: %08lx\n", hr);
    hr = IDiscRecorder2_CloseTray(r);
    ok(hr == S_OK, "CloseTray returned %08lx\n", hr);
    hr = disc_info_hr(ex);
    ok(hr == S_OK, "disc information after CloseTray: %08lx\n", hr);

    /* PREVENT MEDIUM REMOVAL through raw command passing: eject refused, then allowed again */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 6, sense, 10);
    ok(hr == S_OK, "PREVENT returned %08lx\n", hr);
    hr = IDiscRecorder2_EjectMedia(r);
    ok(FAILED(hr), "EjectMedia of a prevented drive returned %08lx\n", hr);
    ok(disc_info_hr(ex) == S_OK, "the disc went away although removal was prevented\n");
    cdb[4] = 0;
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 6, sense, 10);
    ok(hr == S_OK, "ALLOW returned %08lx\n", hr);

    IDiscRecorder2Ex_Release(ex);
    IDiscRecorder2_Release(r);

    /* the empty drive with its tray open, then closed again */
    if ((r = open_recorder(R_EMPTY)))
    {
        BYTE tur[6] = { 0 };
        SAFEARRAY *sa = NULL;
        ex = ex_of(r);
        hr = IDiscRecorder2_EjectMedia(r);
        ok(hr == S_OK, "EjectMedia of an empty drive returned %08lx\n", hr);
        hr = IDiscRecorder2Ex_SendCommandNoData(ex, tur, 6, sense, 10);
        ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA && sense[12] == 0x3A && sense[13] == 0x02,
           "tray open: %08lx sense %02x/%02x, expected 3A/02 (tray open)\n", hr, sense[12], sense[13]);
        hr = disc_info_hr(ex);
        ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "disc information with the tray open: %08lx\n", hr);
        hr = IDiscRecorder2_get_CurrentProfiles(r, &sa);
        ok(hr == S_OK && sa_count(sa) == 0, "CurrentProfiles with the tray open: %08lx %ld\n", hr, sa_count(sa));
        SafeArrayDestroy(sa);
        hr = IDiscRecorder2_CloseTray(r);
        ok(hr == S_OK, "CloseTray returned %08lx\n", hr);
        hr = IDiscRecorder2Ex_SendCommandNoData(ex, tur, 6, sense, 10);
        ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA && sense[12] == 0x3A && sense[13] == 0x01,
           "tray closed, no disc: %08lx sense %02x/%02x, expected 3A/01\n", hr, sense[12], sense[13]);
        IDiscRecorder2Ex_Release(ex);
        IDiscRecorder2_Release(r);
    }
}

static char config_path[MAX_PATH];
static char *config_orig;
static DWORD config_len;

static BOOL write_config(const char *extra)
{
    HANDLE f = CreateFileA(config_path, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD done;
    BOOL ret;
    if (f == INVALID_HANDLE_VALUE) return FALSE;
    ret = WriteFile(f, config_orig, config_len, &done, NULL);
    if (extra && ret) ret = WriteFile(f, extra, (DWORD)strlen(extra), &done, NULL);
    CloseHandle(f);
    return ret;
}

/* A drive that cannot load media (slot/caddy: config "manual_load 1"): DeviceCanLoadMedia
 * is FALSE, CloseTray fails with E_FAIL without touching the drive, EjectMedia works. */
static void test_manual_load(void)
{
    IDiscRecorder2 *r;
    IDiscRecorder2Ex *ex;
    VARIANT_BOOL b = 7;
    HRESULT hr;

    if (!config_path[0] || !write_config("manual_load 1\n")) { ok(0, "cannot configure a slot drive\n"); return; }
    if ((r = open_recorder(R_DVDPRW)))
    {
        hr = IDiscRecorder2_get_DeviceCanLoadMedia(r, &b);
        ok(hr == S_OK && b == VARIANT_FALSE, "DeviceCanLoadMedia of a slot drive: %08lx %d\n", hr, b);
        hr = IDiscRecorder2_EjectMedia(r);
        ok(hr == S_OK, "EjectMedia of a slot drive returned %08lx\n", hr);
        hr = IDiscRecorder2_CloseTray(r);
        ok(hr == E_FAIL, "CloseTray of a slot drive returned %08lx\n", hr);
        if ((ex = ex_of(r)))
        {
            hr = disc_info_hr(ex);
            ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "after CloseTray of a slot drive: %08lx\n", hr);
            IDiscRecorder2Ex_Release(ex);
        }
        IDiscRecorder2_Release(r);
    }
    ok(write_config(NULL), "restoring %s failed\n", config_path);
    if ((r = open_recorder(R_DVDPRW)))
    {
        hr = IDiscRecorder2_CloseTray(r);
        ok(hr == S_OK, "CloseTray after restoring the tray returned %08lx\n", hr);
        if ((ex = ex_of(r)))
        {
            ok(disc_info_hr(ex) == S_OK, "the disc did not come back\n");
            IDiscRecorder2Ex_Release(ex);
        }
        IDiscRecorder2_Release(r);
    }
}

/* ---- IDiscRecorder2Ex: raw commands ---- */

static void test_send_command(void)
{
    IDiscRecorder2 *r = open_recorder(R_DVDPRW), *e = open_recorder(R_EMPTY);
    IDiscRecorder2Ex *ex = NULL, *exe = NULL;
    BYTE cdb[16], sense[18], buf[96];
    ULONG fetched;
    HRESULT hr;

    if (!r || !e) goto done;
    ex = ex_of(r);
    exe = ex_of(e);

    memset(cdb, 0, sizeof(cdb));                /* TEST UNIT READY */
    memset(sense, 0xcc, sizeof(sense));
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 6, sense, 10);
    ok(hr == S_OK, "TEST UNIT READY returned %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandNoData(exe, cdb, 6, sense, 10);
    ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA, "TEST UNIT READY without disc returned %08lx\n", hr);
    ok((sense[2] & 0x0F) == 2 && sense[12] == 0x3A, "sense %x/%02x/%02x, expected 2/3A (no medium)\n", sense[2] & 0x0F, sense[12], sense[13]);

    /* CDB size rules (spec 2.3) */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 10);
    ok(hr == E_INVALIDARG, "6-byte group opcode with 10 bytes: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 5, sense, 10);
    ok(hr == E_INVALIDARG, "5-byte CDB: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 17, sense, 10);
    ok(hr == E_INVALIDARG, "17-byte CDB: %08lx\n", hr);
    cdb[0] = 0x35;                               /* SYNCHRONIZE CACHE: group 1, 10 bytes */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 12, sense, 10);
    ok(hr == E_INVALIDARG, "10-byte group opcode with 12 bytes: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 60);
    ok(hr == S_OK, "SYNCHRONIZE CACHE returned %08lx\n", hr);
    cdb[0] = 0xA1;                               /* group 5: 12 bytes */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 10);
    ok(hr == E_INVALIDARG, "12-byte group opcode with 10 bytes: %08lx\n", hr);
    cdb[0] = 0x88;                               /* group 4: 16 bytes */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 12, sense, 10);
    ok(hr == E_INVALIDARG, "16-byte group opcode with 12 bytes: %08lx\n", hr);
    cdb[0] = 0x02;                               /* exempt from the group rule: reaches the drive */
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 10);
    ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA, "exempt opcode 02h with 10 bytes returned %08lx\n", hr);
    ok((sense[2] & 0x0F) == 5 && sense[12] == 0x20, "sense %x/%02x, expected 5/20 (invalid opcode)\n", sense[2] & 0x0F, sense[12]);
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, NULL, 6, sense, 10);
    ok(hr == E_POINTER, "NULL CDB: %08lx\n", hr);
    memset(cdb, 0, sizeof(cdb));
    hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 6, NULL, 10);
    ok(hr == E_POINTER, "NULL sense buffer: %08lx\n", hr);

    /* INQUIRY */
    cdb[0] = 0x12; cdb[4] = sizeof(buf);
    memset(buf, 0, sizeof(buf));
    fetched = 0xdead;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 6, sense, 10, buf, sizeof(buf), &fetched);
    ok(hr == S_OK, "INQUIRY returned %08lx\n", hr);
    ok(fetched >= 36 && fetched <= sizeof(buf), "INQUIRY fetched %lu bytes\n", fetched);
    ok((buf[0] & 0x1F) == 5 && !memcmp(buf + 8, "IMAPITST", 8), "INQUIRY data: type %u vendor %.8s\n", buf[0] & 0x1F, buf + 8);
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 6, sense, 10, buf, 0, &fetched);
    ok(hr == E_INVALIDARG, "zero-sized buffer: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 6, sense, 10, NULL, sizeof(buf), &fetched);
    ok(hr == E_POINTER, "NULL buffer: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 6, sense, 10, buf, sizeof(buf), NULL);
    ok(hr == E_POINTER, "NULL BufferFetched: %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandSendDataToDevice(ex, cdb, 6, sense, 10, NULL, 8);
    ok(hr == E_POINTER, "SendDataToDevice(NULL buffer): %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendCommandSendDataToDevice(ex, cdb, 6, sense, 10, buf, 0);
    ok(hr == E_INVALIDARG, "SendDataToDevice(0 bytes): %08lx\n", hr);
done:
    if (ex) IDiscRecorder2Ex_Release(ex);
    if (exe) IDiscRecorder2Ex_Release(exe);
    if (r) IDiscRecorder2_Release(r);
    if (e) IDiscRecorder2_Release(e);
}

/* Writing through SendCommandSendDataToDevice: the BD-R gets data; the write-protected
 * disc refuses. */
static void test_write_data(void)
{
    IDiscRecorder2 *r = open_recorder(R_BDR), *w = open_recorder(R_WPROT);
    IDiscRecorder2Ex *ex;
    BYTE cdb[10] = { 0x2A, 0, 0, 0, 0, 0, 0, 0, 16, 0 }, sense[18], *data = NULL, *buf;
    ULONG size = 0;
    HRESULT hr;

    buf = calloc(16, 2048);
    memcpy(buf, "IMAPI2 winetest", 15);
    if (r && (ex = ex_of(r)))
    {
        hr = IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size);
        ok(hr == S_OK && size >= 34 && (data[2] & 3) == 0, "blank BD-R disc information: %08lx size %lu status %u\n", hr, size, data ? data[2] & 3 : 0xff);
        CoTaskMemFree(data); data = NULL;
        hr = IDiscRecorder2Ex_SendCommandSendDataToDevice(ex, cdb, 10, sense, 60, buf, 16 * 2048);
        ok(hr == S_OK, "WRITE(10) returned %08lx (sense %x/%02x/%02x)\n", hr, sense[2] & 15, sense[12], sense[13]);
        memset(cdb, 0, sizeof(cdb));
        cdb[0] = 0x35;
        hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 120);
        ok(hr == S_OK, "SYNCHRONIZE CACHE returned %08lx\n", hr);
        hr = IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size);
        ok(hr == S_OK && data && (data[2] & 3) != 0, "BD-R with data: %08lx status %u\n", hr, data ? data[2] & 3 : 0xff);
        CoTaskMemFree(data); data = NULL;
        /* READ(10) gives the data back */
        memset(cdb, 0, sizeof(cdb));
        cdb[0] = 0x28; cdb[8] = 1;
        {
            BYTE back[2048];
            ULONG got = 0;
            hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 60, back, sizeof(back), &got);
            ok(hr == S_OK && got == 2048 && !memcmp(back, "IMAPI2 winetest", 15), "READ(10): %08lx %lu\n", hr, got);
        }
        hr = IDiscRecorder2Ex_GetTrackInformation(ex, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, &data, &size);
        ok(hr == S_OK && size >= 28, "track 1 information: %08lx %lu\n", hr, size);
        CoTaskMemFree(data); data = NULL;
        IDiscRecorder2Ex_Release(ex);
    }
    if (w && (ex = ex_of(w)))
    {
        BYTE wcdb[10] = { 0x2A, 0, 0, 0, 0, 0, 0, 0, 16, 0 };
        hr = IDiscRecorder2Ex_SendCommandSendDataToDevice(ex, wcdb, 10, sense, 60, buf, 16 * 2048);
        ok(hr == S_IMAPI_COMMAND_HAS_SENSE_DATA, "WRITE on a protected disc returned %08lx\n", hr);
        ok((sense[2] & 0x0F) == 7 && sense[12] == 0x27, "sense %x/%02x, expected 7/27 (write protected)\n", sense[2] & 0x0F, sense[12]);
        IDiscRecorder2Ex_Release(ex);
    }
    free(buf);
    if (r) IDiscRecorder2_Release(r);
    if (w) IDiscRecorder2_Release(w);
}

/* RESERVE TRACK on a blank CD-R, then READ(10) of the reserved, still unwritten block 0
 * through SendCommandGetDataFromDevice: the drive must answer at once with CHECK
 * CONDITION (there is nothing to read), never spin (issue 16, item 1: the emulated drive
 * did). Runs on a private copy of BlankCDR (write-once, and later programs of the run
 * want it blank), in a child process that the parent ends if it does not return. */
static void child_reserve_read(const char *id_a)
{
    WCHAR idw[512];
    BYTE reserve[10] = { 0x53, 0, 0, 0, 0, 0, 0, 0x03, 0xe8, 0 };   /* 1000 blocks, ARSV 0 */
    BYTE read10[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };          /* LBA 0, 1 block */
    BYTE sense[18], *buf = calloc(1, 2048);
    IDiscRecorder2 *r;
    IDiscRecorder2Ex *ex;
    ULONG got = 0xdead;
    BSTR id;
    HRESULT hr;

    MultiByteToWideChar(CP_ACP, 0, id_a, -1, idw, ARRAYSIZE(idw));
    id = SysAllocString(idw);
    if (!(r = new_recorder())) return;
    hr = IDiscRecorder2_InitializeDiscRecorder(r, id);
    ok(hr == S_OK, "child: InitializeDiscRecorder returned %08lx\n", hr);
    if (hr == S_OK && (ex = ex_of(r)))
    {
        memset(sense, 0, sizeof(sense));
        hr = IDiscRecorder2Ex_SendCommandNoData(ex, reserve, sizeof(reserve), sense, 60);
        ok(hr == S_OK, "RESERVE TRACK on a blank CD-R returned %08lx (sense %x/%02x/%02x)\n", hr,
           sense[2] & 15, sense[12], sense[13]);
        memset(sense, 0, sizeof(sense));
        hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, read10, sizeof(read10), sense, 10, buf, 2048, &got);
        ok(FAILED(hr) || (hr == S_IMAPI_COMMAND_HAS_SENSE_DATA && (sense[2] & 15)),
           "READ(10) of a reserved, unwritten block: %08lx, sense %x/%02x/%02x, %lu bytes\n", hr,
           sense[2] & 15, sense[12], sense[13], got);
        trace("READ(10) of a reserved, unwritten block: %08lx, sense %x/%02x/%02x\n", hr, sense[2] & 15,
              sense[12], sense[13]);
        IDiscRecorder2Ex_Release(ex);
    }
    IDiscRecorder2_Release(r);
    SysFreeString(id);
    free(buf);
}

static void test_reserve_then_read(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char exe[MAX_PATH], cmd[MAX_PATH + 600], id_a[512];
    LONG index;
    BSTR id;

    if (!emu_clone("BlankCDR", "ReserveCDR", &id, &index)) return;
    WideCharToMultiByte(CP_ACP, 0, id, -1, id_a, sizeof(id_a), NULL, NULL);
    SysFreeString(id);
    GetModuleFileNameA(NULL, exe, sizeof(exe));
    snprintf(cmd, sizeof(cmd), "\"%s\" reserve_read \"%s\"", exe, id_a);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "could not start the child: error %lu\n", GetLastError());
        return;
    }
    if (WaitForSingleObject(pi.hProcess, 20000) == WAIT_TIMEOUT)
    {
        ok(0, "RESERVE TRACK then READ(10) of block 0 did not return within 20 s: the drive hangs\n");
        TerminateProcess(pi.hProcess, 1);
        WaitForSingleObject(pi.hProcess, 5000);
    }
    else wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* ---- IDiscRecorder2Ex: pages, descriptors, structures ---- */

static BOOL has_u32(const int *v, ULONG n, int value)
{
    ULONG i;
    for (i = 0; i < n; i++) if (v[i] == value) return TRUE;
    return FALSE;
}

static void test_ex_pages(void)
{
    IDiscRecorder2 *r = open_recorder(R_CDR), *d = open_recorder(R_DVDPRW);
    IDiscRecorder2Ex *ex = NULL, *exd = NULL;
    BYTE *data = NULL;
    ULONG size = 0, n = 0, mask = 0, a = 0, b = 0, i;
    IMAPI_FEATURE_PAGE_TYPE *features = NULL;
    IMAPI_PROFILE_TYPE *profiles = NULL;
    IMAPI_MODE_PAGE_TYPE *pages = NULL;
    HRESULT hr;

    if (!r || !d) goto done;
    ex = ex_of(r);
    exd = ex_of(d);

    hr = IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size);
    ok(hr == S_OK && size >= 34 && data && (data[2] & 3) == 0 && !(data[2] & 0x10), "blank CD-R (not erasable): %08lx size %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetTrackInformation(ex, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, &data, &size);
    ok(hr == S_OK && size >= 28 && data && data[2] == 1, "CD-R track 1: %08lx size %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetTrackInformation(ex, 0, IMAPI_READ_TRACK_ADDRESS_TYPE_LBA, &data, &size);
    ok(hr == S_OK && size >= 28 && data && data[2] == 1, "CD-R track at LBA 0: %08lx size %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetTrackInformation(ex, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_SESSION, &data, &size);
    ok(hr == S_OK && size >= 28, "CD-R session 1: %08lx size %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetTrackInformation(ex, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, NULL, &size);
    ok(hr == E_POINTER, "GetTrackInformation(NULL): %08lx\n", hr);
    hr = IDiscRecorder2Ex_GetTrackInformation(ex, 1, 3, &data, &size);
    ok(hr == E_INVALIDARG, "address type 3: %08lx\n", hr);

    hr = IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_PROFILE_LIST, FALSE, &data, &size);
    ok(hr == S_OK && size >= 8 && data && data[0] == 0 && data[1] == 0 && data[3] == size - 4, "profile list feature: %08lx %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, FALSE, &data, &size);
    ok(hr == S_OK && data && data[1] == 0x2A, "DVD+RW feature (any): %08lx\n", hr);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW, TRUE, &data, &size);
    ok(hr == E_IMAPI_RECORDER_FEATURE_IS_NOT_CURRENT, "DVD+RW feature current on CD-R: %08lx\n", hr);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_HD_DVD_WRITE, FALSE, &data, &size);
    ok(hr == E_IMAPI_RECORDER_NO_SUCH_FEATURE, "HD DVD write feature: %08lx\n", hr);
    CoTaskMemFree(data); data = NULL;

    hr = IDiscRecorder2Ex_GetSupportedFeaturePages(ex, FALSE, &features, &n);
    ok(hr == S_OK && n > 3 && has_u32((int *)features, n, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW), "supported features: %08lx %lu\n", hr, n);
    CoTaskMemFree(features); features = NULL;
    hr = IDiscRecorder2Ex_GetSupportedFeaturePages(ex, TRUE, &features, &n);
    ok(hr == S_OK && !has_u32((int *)features, n, IMAPI_FEATURE_PAGE_TYPE_DVD_PLUS_RW) && has_u32((int *)features, n, IMAPI_FEATURE_PAGE_TYPE_CORE),
       "current features: %08lx %lu\n", hr, n);
    CoTaskMemFree(features); features = NULL;
    hr = IDiscRecorder2Ex_GetSupportedProfiles(ex, TRUE, &profiles, &n);
    ok(hr == S_OK && n == 1 && profiles[0] == IMAPI_PROFILE_TYPE_CD_RECORDABLE, "current profiles: %08lx %lu\n", hr, n);
    CoTaskMemFree(profiles); profiles = NULL;
    hr = IDiscRecorder2Ex_GetSupportedProfiles(ex, FALSE, &profiles, &n);
    ok(hr == S_OK && n > 5 && has_u32((int *)profiles, n, IMAPI_PROFILE_TYPE_BD_REWRITABLE), "supported profiles: %08lx %lu\n", hr, n);
    CoTaskMemFree(profiles); profiles = NULL;
    hr = IDiscRecorder2Ex_GetSupportedProfiles(ex, FALSE, NULL, &n);
    ok(hr == E_POINTER, "GetSupportedProfiles(NULL): %08lx\n", hr);

    hr = IDiscRecorder2Ex_GetSupportedModePages(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &pages, &n);
    ok(hr == S_OK && has_u32((int *)pages, n, 0x2A) && has_u32((int *)pages, n, 0x05), "mode pages: %08lx %lu\n", hr, n);
    /* a page the drive lacks */
    if (SUCCEEDED(hr))
    {
        for (i = 1; i < 0x3F && has_u32((int *)pages, n, i); i++) {}
        hr = IDiscRecorder2Ex_GetModePage(ex, i, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &size);
        ok(hr == E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE, "absent mode page %02lx: %08lx\n", i, hr);
        CoTaskMemFree(data); data = NULL;
    }
    CoTaskMemFree(pages); pages = NULL;
    hr = IDiscRecorder2Ex_GetSupportedModePages(ex, 4, &pages, &n);
    ok(hr == E_INVALIDARG, "request type 4: %08lx\n", hr);

    hr = IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_LEGACY_CAPABILITIES, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &size);
    ok(hr == S_OK && size >= 2 && data && (data[0] & 0x3F) == 0x2A && data[1] + 2 == size, "page 2Ah: %08lx %lu\n", hr, size);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_WRITE_PARAMETERS, 4, &data, &size);
    ok(hr == E_INVALIDARG, "GetModePage request type 4: %08lx\n", hr);
    hr = IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_WRITE_PARAMETERS, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &size);
    ok(hr == S_OK && data && (data[0] & 0x3F) == 5, "page 05h: %08lx\n", hr);
    if (hr == S_OK)
    {
        data[0] &= 0x3F;   /* PS bit is reserved in MODE SELECT */
        hr = IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, data, size);
        ok(hr == S_OK, "SetModePage(page 05h as read) returned %08lx\n", hr);
        hr = IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES, data, size);
        ok(hr == E_INVALIDARG, "SetModePage(changeable values) returned %08lx\n", hr);
    }
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, NULL, 8);
    ok(hr == E_POINTER, "SetModePage(NULL) returned %08lx\n", hr);

    /* descriptors and transfer limits */
    hr = IDiscRecorder2Ex_GetByteAlignmentMask(ex, &mask);
    ok(hr == S_OK && mask && !(mask & (mask - 1)), "alignment %08lx %lu\n", hr, mask);
    hr = IDiscRecorder2Ex_GetMaximumNonPageAlignedTransferSize(ex, &a);
    ok(hr == S_OK && a > 0, "non-page-aligned max %08lx %lu\n", hr, a);
    hr = IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(ex, &b);
    ok(hr == S_OK && b >= a, "page-aligned max %08lx %lu (non-aligned %lu)\n", hr, b, a);
    hr = IDiscRecorder2Ex_GetAdapterDescriptor(ex, &data, &size);
    ok(hr == S_OK && data && size >= FIELD_OFFSET(STORAGE_ADAPTER_DESCRIPTOR, BusMajorVersion), "adapter descriptor: %08lx %lu\n", hr, size);
    if (hr == S_OK)
    {
        STORAGE_ADAPTER_DESCRIPTOR *ad = (STORAGE_ADAPTER_DESCRIPTOR *)data;
        ok(ad->Size <= size && ad->Size >= FIELD_OFFSET(STORAGE_ADAPTER_DESCRIPTOR, BusMajorVersion), "Size %lu of %lu\n", ad->Size, size);
        ok(ad->AlignmentMask + 1 == mask, "AlignmentMask %lu, byte alignment %lu\n", ad->AlignmentMask, mask);
        ok(ad->MaximumTransferLength >= b, "MaximumTransferLength %lu < %lu\n", ad->MaximumTransferLength, b);
    }
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetDeviceDescriptor(ex, &data, &size);
    ok(hr == S_OK && data && size >= FIELD_OFFSET(STORAGE_DEVICE_DESCRIPTOR, RawDeviceProperties), "device descriptor: %08lx %lu\n", hr, size);
    if (hr == S_OK)
    {
        STORAGE_DEVICE_DESCRIPTOR *dd = (STORAGE_DEVICE_DESCRIPTOR *)data;
        ok(dd->DeviceType == 5 && dd->RemovableMedia, "device type %u removable %u\n", dd->DeviceType, dd->RemovableMedia);
        ok(dd->ProductIdOffset && dd->ProductIdOffset < size && strstr((char *)data + dd->ProductIdOffset, "BLANKCDR"),
           "product id in the descriptor: %s\n", dd->ProductIdOffset && dd->ProductIdOffset < size ? (char *)data + dd->ProductIdOffset : "(none)");
    }
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_GetDeviceDescriptor(ex, NULL, &size);
    ok(hr == E_POINTER, "GetDeviceDescriptor(NULL): %08lx\n", hr);

    /* DVD structures: physical format information of the DVD+RW, header stripped */
    hr = IDiscRecorder2Ex_ReadDvdStructure(exd, 0, 0, 0, 0, &data, &size);
    ok(hr == S_OK && size >= 17 && data && (data[0] >> 4) == 0x9, "DVD+RW physical format: %08lx size %lu book type %x\n", hr, size, data ? data[0] >> 4 : 0xff);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_ReadDvdStructure(ex, 0, 0, 0, 0, &data, &size);
    ok(FAILED(hr), "DVD structure of a CD: %08lx\n", hr);
    CoTaskMemFree(data); data = NULL;
    hr = IDiscRecorder2Ex_ReadDvdStructure(exd, 0, 0, 0, 0, NULL, &size);
    ok(hr == E_POINTER, "ReadDvdStructure(NULL): %08lx\n", hr);
    hr = IDiscRecorder2Ex_SendDvdStructure(exd, 0, NULL, 4);
    ok(hr == E_POINTER, "SendDvdStructure(NULL): %08lx\n", hr);
    {
        /* the emulated drive has no SEND DISC STRUCTURE: its INVALID COMMAND (05/20/00)
         * arrives as the generic device error */
        BYTE dcb[8] = { 0 };
        hr = IDiscRecorder2Ex_SendDvdStructure(exd, 0x30, dcb, sizeof(dcb));
        ok(hr == E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE, "SendDvdStructure: %08lx\n", hr);
    }
done:
    if (ex) IDiscRecorder2Ex_Release(ex);
    if (exd) IDiscRecorder2Ex_Release(exd);
    if (r) IDiscRecorder2_Release(r);
    if (d) IDiscRecorder2_Release(d);
}

/* ---- fault injection: one E_IMAPI_* per injected drive condition ----
 * A "fault" line in the recorder's config.txt is active for every handle opened after it
 * was written (core/vdrive/README.md); each case opens the drive anew. */

enum fault_call { F_DISCINFO, F_MODEPAGE, F_SETMODE, F_FEATURE, F_DVDSTRUCT, F_PROFILES };

static HRESULT call_member(IDiscRecorder2 *r, IDiscRecorder2Ex *ex, enum fault_call call)
{
    BYTE *data = NULL, page[] = { 0x05, 0x32, 0 };
    ULONG size = 0;
    SAFEARRAY *sa = NULL;
    HRESULT hr;
    switch (call)
    {
    case F_DISCINFO: hr = IDiscRecorder2Ex_GetDiscInformation(ex, &data, &size); break;
    case F_MODEPAGE: hr = IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_LEGACY_CAPABILITIES, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &size); break;
    case F_SETMODE:
        hr = IDiscRecorder2Ex_GetModePage(ex, IMAPI_MODE_PAGE_TYPE_WRITE_PARAMETERS, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, &data, &size);
        if (hr == S_OK) { data[0] &= 0x3F; hr = IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, data, size); }
        else hr = IDiscRecorder2Ex_SetModePage(ex, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, page, sizeof(page));
        break;
    case F_FEATURE: hr = IDiscRecorder2Ex_GetFeaturePage(ex, IMAPI_FEATURE_PAGE_TYPE_CORE, FALSE, &data, &size); break;
    case F_DVDSTRUCT: hr = IDiscRecorder2Ex_ReadDvdStructure(ex, 0, 0, 0, 0, &data, &size); break;
    default: hr = IDiscRecorder2_get_CurrentProfiles(r, &sa); SafeArrayDestroy(sa); break;
    }
    CoTaskMemFree(data);
    return hr;
}

static void test_faults(void)
{
    static const struct { const char *fault; enum fault_call call; HRESULT expect; const char *name; } cases[] =
    {
        { "op=51 sense=02/04/01", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, "BECOMING_READY" },
        { "op=51 sense=02/04/04", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS, "FORMAT_IN_PROGRESS" },
        { "op=51 sense=02/04/07", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_BUSY, "MEDIA_BUSY" },
        { "op=51 sense=02/57/00", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN, "MEDIA_UPSIDE_DOWN" },
        { "op=51 sense=02/3a/00", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "MEDIA_NO_MEDIA" },
        { "op=51 sense=05/30/00", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE, "MEDIA_INCOMPATIBLE" },
        { "op=51 sense=02/30/10", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED, "MEDIA_NOT_FORMATTED" },
        { "op=51 sense=07/27/00", F_DISCINFO, E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, "MEDIA_WRITE_PROTECTED" },
        { "op=51 sense=03/0c/09", F_DISCINFO, E_IMAPI_LOSS_OF_STREAMING, "LOSS_OF_STREAMING" },
        { "op=51 sense=04/44/00", F_DISCINFO, E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE, "UNEXPECTED_RESPONSE" },
        { "op=51 timeout", F_DISCINFO, E_IMAPI_RECORDER_COMMAND_TIMEOUT, "COMMAND_TIMEOUT" },
        { "op=5a sense=05/24/00", F_MODEPAGE, E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE, "NO_SUCH_MODE_PAGE" },
        { "op=55 sense=05/26/00", F_SETMODE, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, "INVALID_MODE_PARAMETERS" },
        { "op=46 sense=05/20/00", F_FEATURE, E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED, "GET_CONFIGURATION_NOT_SUPPORTED" },
        { "op=46 sense=05/20/00", F_PROFILES, E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED, "GET_CONFIGURATION_NOT_SUPPORTED (profiles)" },
        { "op=ad sense=05/24/00", F_DVDSTRUCT, E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT, "DVD_STRUCTURE_NOT_PRESENT" },
    };
    char dir[MAX_PATH];
    HANDLE f;
    unsigned i;

    if (!GetEnvironmentVariableA("IMAPI_TEST_RECORDERS_WIN", dir, sizeof(dir)) || !recorders[R_DVDPRW].id)
    {
        ok(0, "IMAPI_TEST_RECORDERS_WIN not set or no DVD+RW recorder: cannot inject faults\n");
        return;
    }
    snprintf(config_path, sizeof(config_path), "%s\\DVDPlusRW\\config.txt", dir);
    f = CreateFileA(config_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(f != INVALID_HANDLE_VALUE, "cannot open %s\n", config_path);
    if (f == INVALID_HANDLE_VALUE) return;
    config_len = GetFileSize(f, NULL);
    config_orig = calloc(1, config_len + 1);
    ReadFile(f, config_orig, config_len, &config_len, NULL);
    CloseHandle(f);

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        char line[96];
        IDiscRecorder2 *r;
        IDiscRecorder2Ex *ex;
        HRESULT hr;
        snprintf(line, sizeof(line), "fault %s\n", cases[i].fault);
        ok(write_config(line), "writing the fault %s failed\n", cases[i].fault);
        if (!(r = open_recorder(R_DVDPRW))) continue;
        if ((ex = ex_of(r)))
        {
            hr = call_member(r, ex, cases[i].call);
            /* Wine's SG_IO path keeps only the SCSI status: a host timeout arrives as success */
            todo_if(passthrough && cases[i].expect == E_IMAPI_RECORDER_COMMAND_TIMEOUT)
            ok(hr == cases[i].expect, "fault \"%s\": %08lx, expected %08lx (E_IMAPI_%s)\n", cases[i].fault, hr, cases[i].expect, cases[i].name);
            IDiscRecorder2Ex_Release(ex);
        }
        IDiscRecorder2_Release(r);
    }
    ok(write_config(NULL), "restoring %s failed\n", config_path);
    test_manual_load();
    {
        IDiscRecorder2 *r = open_recorder(R_DVDPRW);
        IDiscRecorder2Ex *ex;
        if (r && (ex = ex_of(r)))
        {
            ok(call_member(r, ex, F_DISCINFO) == S_OK, "the drive does not work again without faults\n");
            IDiscRecorder2Ex_Release(ex);
        }
        if (r) IDiscRecorder2_Release(r);
    }
    free(config_orig);
}

START_TEST(recorder)
{
    char transport[32] = "", **argv;
    int argc = winetest_get_mainargs(&argv);
    HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == S_OK, "CoInitializeEx returned %08lx\n", hr);
    if (argc > 2 && !strcmp(argv[1], "hold_exclusive"))
    {
        child_hold_exclusive(argv[2]);
        return;
    }
    if (argc > 2 && !strcmp(argv[1], "reserve_read"))
    {
        child_reserve_read(argv[2]);
        CoUninitialize();
        return;
    }
    GetEnvironmentVariableA("IMAPI_TEST_TRANSPORT", transport, sizeof(transport));
    passthrough = !strcmp(transport, "passthrough");
    trace("transport: %s\n", transport[0] ? transport : "(not set)");

    test_uninitialized();
    find_recorders();
    test_identity();
    test_features_profiles();
    test_exclusive();
    test_exclusive_other_process();
    test_reinitialize();
    test_eject_close();
    test_send_command();
    test_write_data();
    test_reserve_then_read();
    test_ex_pages();
    test_faults();
    CoUninitialize();
}
