/*
 * Conformance tests of the format objects on recorders that cannot do their job, on
 * private copies (emu_clone.h) of the Empty recorder with a drive of fewer profiles:
 *
 *   - a reader (CD-ROM and DVD-ROM only): IsRecorderSupported answers S_OK with FALSE for
 *     MsftDiscFormat2Data, MsftDiscFormat2TrackAtOnce and MsftDiscFormat2Erase (RawCD: its
 *     documented E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED), and put_Recorder refuses it with
 *     each object's RECORDER_NOT_SUPPORTED code and keeps no recorder;
 *   - a write-once drive (CD-R and DVD+R, no rewritable profile): Data and TrackAtOnce take
 *     it, Erase refuses it (the docs: erasing needs CD-RW or DVD-RW);
 *   - a DVD-only writer: TrackAtOnce refuses it (audio needs CD-R/RW), Data takes it.
 *
 * A drive a format object takes lists at least one media type in SupportedMediaTypes.
 */
#include <initguid.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"

/* A clone of Empty named `name` whose drive claims `profiles` (vdrive media names). */
static IDiscRecorder2 *drive_with_profiles(const char *name, const char *profiles)
{
    char path[MAX_PATH], dir[MAX_PATH];
    IDiscRecorder2 *r;
    LONG index;
    FILE *cfg;
    BSTR id;

    if (!emu_clone("Empty", name, &id, &index)) return NULL;
    GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s\\%s\\config.txt", dir, name);
    if ((cfg = fopen(path, "wb")))
    {
        fprintf(cfg, "imapi-vdrive-config 1\nvendor IMAPITST\nproduct %s\nrevision 1.00\nserial VD%s\n"
                     "profiles %s\nbuffer_kb 4096\nbecoming_ready 0\nunit_attention 0\n"
                     "cd_speeds 24 16\ndvd_speeds 16 8 4\n", name, name, profiles);
        fclose(cfg);
    }
    ok(cfg != NULL, "cannot write %s\n", path);
    r = emu_open_id(id);
    SysFreeString(id);
    return r;
}

static IUnknown *create(const CLSID *clsid, const IID *iid, const char *what)
{
    IUnknown *obj = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, iid, (void **)&obj);
    ok(hr == S_OK, "CoCreateInstance(%s) %08lx\n", what, hr);
    return obj;
}

/* IsRecorderSupported through the IDiscFormat2 part all four share. */
static HRESULT is_supported(IUnknown *obj, IDiscRecorder2 *r, VARIANT_BOOL *vb)
{
    IDiscFormat2 *base = NULL;
    HRESULT hr;

    *vb = 0x55;   /* must be overwritten */
    ok(IUnknown_QueryInterface(obj, &IID_IDiscFormat2, (void **)&base) == S_OK, "QI(IDiscFormat2)\n");
    if (!base) return E_NOINTERFACE;
    hr = IDiscFormat2_IsRecorderSupported(base, r, vb);
    IDiscFormat2_Release(base);
    return hr;
}

/* SupportedMediaTypes of the object with its recorder set: how many types, -1 on failure. */
static LONG media_types(IUnknown *obj)
{
    IDiscFormat2 *base = NULL;
    SAFEARRAY *sa = NULL;
    LONG lo = 0, hi = -2;

    if (FAILED(IUnknown_QueryInterface(obj, &IID_IDiscFormat2, (void **)&base))) return -1;
    if (SUCCEEDED(IDiscFormat2_get_SupportedMediaTypes(base, &sa)) && sa)
    {
        SafeArrayGetLBound(sa, 1, &lo);
        SafeArrayGetUBound(sa, 1, &hi);
        SafeArrayDestroy(sa);
    }
    IDiscFormat2_Release(base);
    return hi - lo + 1;
}

/* put_Recorder and then get_Recorder through each object's own interface. */
static HRESULT put_recorder(IUnknown *obj, const IID *iid, IDiscRecorder2 *r, IDiscRecorder2 **kept)
{
    HRESULT hr = E_NOINTERFACE;
    *kept = (IDiscRecorder2 *)0xdeadbeef;
    if (IsEqualGUID(iid, &IID_IDiscFormat2Data))
    {
        hr = IDiscFormat2Data_put_Recorder((IDiscFormat2Data *)obj, r);
        ok(IDiscFormat2Data_get_Recorder((IDiscFormat2Data *)obj, kept) == S_OK, "get_Recorder\n");
    }
    else if (IsEqualGUID(iid, &IID_IDiscFormat2TrackAtOnce))
    {
        hr = IDiscFormat2TrackAtOnce_put_Recorder((IDiscFormat2TrackAtOnce *)obj, r);
        ok(IDiscFormat2TrackAtOnce_get_Recorder((IDiscFormat2TrackAtOnce *)obj, kept) == S_OK, "get_Recorder\n");
    }
    else if (IsEqualGUID(iid, &IID_IDiscFormat2Erase))
    {
        hr = IDiscFormat2Erase_put_Recorder((IDiscFormat2Erase *)obj, r);
        ok(IDiscFormat2Erase_get_Recorder((IDiscFormat2Erase *)obj, kept) == S_OK, "get_Recorder\n");
    }
    else if (IsEqualGUID(iid, &IID_IDiscFormat2RawCD))
    {
        hr = IDiscFormat2RawCD_put_Recorder((IDiscFormat2RawCD *)obj, r);
        ok(IDiscFormat2RawCD_get_Recorder((IDiscFormat2RawCD *)obj, kept) == S_OK, "get_Recorder\n");
    }
    return hr;
}

struct expect
{
    const char *what;
    const CLSID *clsid;
    const IID *iid;
    HRESULT supported_hr;     /* IsRecorderSupported's HRESULT */
    VARIANT_BOOL supported;   /* and its answer */
    HRESULT put_hr;           /* put_Recorder's */
};

static void check(IDiscRecorder2 *r, const char *drive, const struct expect *e)
{
    IDiscRecorder2 *kept;
    VARIANT_BOOL vb;
    IUnknown *obj;
    HRESULT hr;

    if (!(obj = create(e->clsid, e->iid, e->what))) return;
    hr = is_supported(obj, r, &vb);
    ok(hr == e->supported_hr && vb == e->supported, "%s: %s IsRecorderSupported %08lx %d, expected %08lx %d\n",
       drive, e->what, hr, vb, e->supported_hr, e->supported);
    hr = put_recorder(obj, e->iid, r, &kept);
    ok(hr == e->put_hr, "%s: %s put_Recorder %08lx, expected %08lx\n", drive, e->what, hr, e->put_hr);
    if (FAILED(e->put_hr))
        ok(kept == NULL, "%s: %s kept the refused recorder %p\n", drive, e->what, kept);
    else
    {
        ok(kept == r, "%s: %s get_Recorder %p, expected %p\n", drive, e->what, kept, r);
        /* a writer lists what it writes */
        LONG types = media_types(obj);
        ok(types > 0, "%s: %s SupportedMediaTypes lists %ld types\n", drive, e->what, types);
    }
    if (kept && kept != (IDiscRecorder2 *)0xdeadbeef) IDiscRecorder2_Release(kept);
    IUnknown_Release(obj);
}

static void test_reader(void)
{
    static const struct expect expects[] =
    {
        { "Data", &CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data, S_OK, VARIANT_FALSE,
          E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED },
        { "TrackAtOnce", &CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce, S_OK, VARIANT_FALSE,
          E_IMAPI_DF2TAO_RECORDER_NOT_SUPPORTED },
        { "Erase", &CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase, S_OK, VARIANT_FALSE,
          E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED },
        { "RawCD", &CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD, E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED,
          VARIANT_FALSE, E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED },
    };
    IDiscRecorder2 *r = drive_with_profiles("RomOnly", "cdrom dvdrom");
    unsigned i;

    if (!r) return;
    for (i = 0; i < ARRAYSIZE(expects); i++) check(r, "CD/DVD-ROM reader", &expects[i]);
    IDiscRecorder2_Release(r);
}

static void test_write_once(void)
{
    static const struct expect expects[] =
    {
        { "Data", &CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data, S_OK, VARIANT_TRUE, S_OK },
        { "TrackAtOnce", &CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce, S_OK, VARIANT_TRUE, S_OK },
        { "Erase", &CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase, S_OK, VARIANT_FALSE,
          E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED },
    };
    IDiscRecorder2 *r = drive_with_profiles("WriteOnce", "cdrom cdr dvdrom dvd+r");
    unsigned i;

    if (!r) return;
    for (i = 0; i < ARRAYSIZE(expects); i++) check(r, "CD-R/DVD+R writer", &expects[i]);
    IDiscRecorder2_Release(r);
}

static void test_dvd_writer(void)
{
    static const struct expect expects[] =
    {
        { "Data", &CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data, S_OK, VARIANT_TRUE, S_OK },
        { "TrackAtOnce", &CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce, S_OK, VARIANT_FALSE,
          E_IMAPI_DF2TAO_RECORDER_NOT_SUPPORTED },
        { "Erase", &CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase, S_OK, VARIANT_TRUE, S_OK },
    };
    IDiscRecorder2 *r = drive_with_profiles("DvdWriter", "dvdrom dvd-r dvd-rw dvd+rw");
    unsigned i;

    if (!r) return;
    for (i = 0; i < ARRAYSIZE(expects); i++) check(r, "DVD writer", &expects[i]);
    IDiscRecorder2_Release(r);
}

START_TEST(format_unsupported)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_reader();
    test_write_once();
    test_dvd_writer();
    CoUninitialize();
}
