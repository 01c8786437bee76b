/* Options the format objects, the write engine and the raw image creator keep before
 * any drive is involved: documented defaults, round trips, argument checks and the
 * documented error for each bad value. */
#include <initguid.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"

static void *create(const CLSID *clsid, const IID *iid)
{
    void *obj = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, iid, &obj);
    ok(hr == S_OK, "CoCreateInstance returned %08lx\n", hr);
    return obj;
}

/* A BSTR property that must refuse bad client names with `invalid`. */
typedef HRESULT (WINAPI *put_bstr_fn)(void *, BSTR);
typedef HRESULT (WINAPI *get_bstr_fn)(void *, BSTR *);

static void test_client_name(void *obj, put_bstr_fn put, get_bstr_fn get, HRESULT invalid)
{
    static const WCHAR *bad[] = { L"", L"bad/name", L"tab\tname", L"quote\"", L"0123456789012345678901234567890123456789012345678901234567890123" };
    BSTR s, got = NULL;
    unsigned i;
    HRESULT hr;

    hr = get(obj, NULL);
    ok(hr == E_POINTER, "get_ClientName(NULL) returned %08lx\n", hr);
    hr = get(obj, &got);
    ok(hr == S_OK && got && !*got, "default ClientName: %08lx %s\n", hr, got ? "set" : "NULL");
    SysFreeString(got);

    hr = put(obj, NULL);
    ok(hr == invalid, "put_ClientName(NULL) returned %08lx\n", hr);
    for (i = 0; i < ARRAYSIZE(bad); i++)
    {
        s = SysAllocString(bad[i]);
        hr = put(obj, s);
        ok(hr == invalid, "put_ClientName(%u) returned %08lx, expected %08lx\n", i, hr, invalid);
        SysFreeString(s);
    }
    s = SysAllocString(L"Test Client 1.0");
    hr = put(obj, s);
    ok(hr == S_OK, "put_ClientName returned %08lx\n", hr);
    SysFreeString(s);
    hr = get(obj, &got);
    ok(hr == S_OK && got && !lstrcmpW(got, L"Test Client 1.0"), "ClientName round trip: %08lx\n", hr);
    SysFreeString(got);
    /* A refused name leaves the old one. */
    s = SysAllocString(L"no*stars");
    put(obj, s);
    SysFreeString(s);
    hr = get(obj, &got);
    ok(hr == S_OK && got && !lstrcmpW(got, L"Test Client 1.0"), "refused name replaced the old one\n");
    SysFreeString(got);
}

typedef HRESULT (WINAPI *put_bool_fn)(void *, VARIANT_BOOL);
typedef HRESULT (WINAPI *get_bool_fn)(void *, VARIANT_BOOL *);

static void test_flag(const char *name, void *obj, put_bool_fn put, get_bool_fn get)
{
    VARIANT_BOOL v = 0x5555;
    HRESULT hr;

    hr = get(obj, NULL);
    ok(hr == E_POINTER, "%s: get(NULL) returned %08lx\n", name, hr);
    hr = get(obj, &v);
    ok(hr == S_OK && v == VARIANT_FALSE, "%s: default %08lx %d\n", name, hr, v);
    hr = put(obj, VARIANT_TRUE);
    ok(hr == S_OK, "%s: put(TRUE) returned %08lx\n", name, hr);
    hr = get(obj, &v);
    ok(hr == S_OK && v == VARIANT_TRUE, "%s: after put(TRUE) %08lx %d\n", name, hr, v);
    /* Any non-zero value is true and reads back as VARIANT_TRUE. */
    hr = put(obj, 1);
    ok(hr == S_OK, "%s: put(1) returned %08lx\n", name, hr);
    hr = get(obj, &v);
    ok(hr == S_OK && v == VARIANT_TRUE, "%s: after put(1) %d\n", name, v);
    hr = put(obj, VARIANT_FALSE);
    ok(hr == S_OK, "%s: put(FALSE) returned %08lx\n", name, hr);
    hr = get(obj, &v);
    ok(hr == S_OK && v == VARIANT_FALSE, "%s: after put(FALSE) %d\n", name, v);
}

#define FLAG(obj, iface, prop) \
    test_flag(#prop, obj, (put_bool_fn)(obj)->lpVtbl->put_##prop, (get_bool_fn)(obj)->lpVtbl->get_##prop)
#define CLIENT(obj, invalid) \
    test_client_name(obj, (put_bstr_fn)(obj)->lpVtbl->put_ClientName, (get_bstr_fn)(obj)->lpVtbl->get_ClientName, invalid)

static void test_data(void)
{
    IDiscFormat2Data *data = create(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data);
    if (!data) return;
    CLIENT(data, E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID);
    FLAG(data, IDiscFormat2Data, BufferUnderrunFreeDisabled);
    FLAG(data, IDiscFormat2Data, PostgapAlreadyInImage);
    FLAG(data, IDiscFormat2Data, ForceMediaToBeClosed);
    FLAG(data, IDiscFormat2Data, DisableConsumerDvdCompatibilityMode);
    FLAG(data, IDiscFormat2Data, ForceOverwrite);
    IDiscFormat2Data_Release(data);
}

static void test_erase(void)
{
    IDiscFormat2Erase *erase = create(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase);
    if (!erase) return;
    CLIENT(erase, E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID);
    FLAG(erase, IDiscFormat2Erase, FullErase);
    IDiscFormat2Erase_Release(erase);
}

static void test_tao_raw(void)
{
    IDiscFormat2TrackAtOnce *tao = create(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce);
    IDiscFormat2RawCD *raw = create(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD);
    if (tao)
    {
        CLIENT(tao, E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID);
        IDiscFormat2TrackAtOnce_Release(tao);
    }
    if (raw)
    {
        CLIENT(raw, E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID);
        IDiscFormat2RawCD_Release(raw);
    }
}

static void test_write_engine(void)
{
    IWriteEngine2 *engine = create(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2);
    VARIANT_BOOL b = 0x5555;
    LONG v = 12345;
    HRESULT hr;

    if (!engine) return;
    hr = IWriteEngine2_get_WriteInProgress(engine, &b);
    ok(hr == S_OK && b == VARIANT_FALSE, "WriteInProgress %08lx %d\n", hr, b);
    hr = IWriteEngine2_get_WriteInProgress(engine, NULL);
    ok(hr == E_POINTER, "WriteInProgress(NULL) %08lx\n", hr);

    /* WRITE(12) streaming is documented as unsupported. */
    hr = IWriteEngine2_get_UseStreamingWrite12(engine, &b);
    ok(hr == S_OK && b == VARIANT_FALSE, "UseStreamingWrite12 default %08lx %d\n", hr, b);
    hr = IWriteEngine2_put_UseStreamingWrite12(engine, VARIANT_TRUE);
    ok(hr == E_NOTIMPL, "put_UseStreamingWrite12(TRUE) returned %08lx\n", hr);
    hr = IWriteEngine2_put_UseStreamingWrite12(engine, VARIANT_FALSE);
    ok(hr == S_OK, "put_UseStreamingWrite12(FALSE) returned %08lx\n", hr);

    hr = IWriteEngine2_get_StartingSectorsPerSecond(engine, &v);
    ok(hr == S_OK && v == -1, "StartingSectorsPerSecond default %08lx %ld\n", hr, v);
    hr = IWriteEngine2_get_EndingSectorsPerSecond(engine, &v);
    ok(hr == S_OK && v == -1, "EndingSectorsPerSecond default %08lx %ld\n", hr, v);
    hr = IWriteEngine2_put_StartingSectorsPerSecond(engine, 75 * 16);
    ok(hr == S_OK, "put_StartingSectorsPerSecond returned %08lx\n", hr);
    hr = IWriteEngine2_get_StartingSectorsPerSecond(engine, &v);
    ok(hr == S_OK && v == 1200, "StartingSectorsPerSecond %ld\n", v);
    hr = IWriteEngine2_put_EndingSectorsPerSecond(engine, 0);
    ok(hr == E_INVALIDARG, "put_EndingSectorsPerSecond(0) returned %08lx\n", hr);
    hr = IWriteEngine2_put_EndingSectorsPerSecond(engine, -2);
    ok(hr == E_INVALIDARG, "put_EndingSectorsPerSecond(-2) returned %08lx\n", hr);
    hr = IWriteEngine2_get_StartingSectorsPerSecond(engine, NULL);
    ok(hr == E_POINTER, "get(NULL) returned %08lx\n", hr);

    hr = IWriteEngine2_put_BytesPerSector(engine, 0);
    ok(hr == E_INVALIDARG, "put_BytesPerSector(0) returned %08lx\n", hr);
    hr = IWriteEngine2_put_BytesPerSector(engine, -2048);
    ok(hr == E_INVALIDARG, "put_BytesPerSector(-2048) returned %08lx\n", hr);
    hr = IWriteEngine2_put_BytesPerSector(engine, 2352);
    ok(hr == S_OK, "put_BytesPerSector(2352) returned %08lx\n", hr);
    hr = IWriteEngine2_get_BytesPerSector(engine, &v);
    ok(hr == S_OK && v == 2352, "BytesPerSector %08lx %ld\n", hr, v);
    IWriteEngine2_Release(engine);
}

static void test_raw_image(void)
{
    IRawCDImageCreator *img = create(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator);
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE type = 0;
    LONG v = -1;
    HRESULT hr;

    if (!img) return;
    hr = IRawCDImageCreator_get_NumberOfExistingTracks(img, &v);
    ok(hr == S_OK && v == 0, "NumberOfExistingTracks %08lx %ld\n", hr, v);
    hr = IRawCDImageCreator_get_StartingTrackNumber(img, &v);
    ok(hr == S_OK && v == 1, "StartingTrackNumber default %08lx %ld\n", hr, v);
    hr = IRawCDImageCreator_put_StartingTrackNumber(img, 0);
    ok(hr == E_INVALIDARG, "StartingTrackNumber 0: %08lx\n", hr);
    hr = IRawCDImageCreator_put_StartingTrackNumber(img, 100);
    ok(hr == E_INVALIDARG, "StartingTrackNumber 100: %08lx\n", hr);
    hr = IRawCDImageCreator_put_StartingTrackNumber(img, 99);
    ok(hr == S_OK, "StartingTrackNumber 99: %08lx\n", hr);
    hr = IRawCDImageCreator_get_StartingTrackNumber(img, &v);
    ok(hr == S_OK && v == 99, "StartingTrackNumber %ld\n", v);

    hr = IRawCDImageCreator_get_ResultingImageType(img, &type);
    ok(hr == S_OK && type == IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED, "ResultingImageType default %d\n", type);
    hr = IRawCDImageCreator_put_ResultingImageType(img, 0);
    ok(hr == E_INVALIDARG, "ResultingImageType 0 (no such value): %08lx\n", hr);
    hr = IRawCDImageCreator_put_ResultingImageType(img, IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW);
    ok(hr == S_OK, "ResultingImageType raw: %08lx\n", hr);
    hr = IRawCDImageCreator_get_ResultingImageType(img, &type);
    ok(hr == S_OK && type == IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW, "ResultingImageType %d\n", type);
    FLAG(img, IRawCDImageCreator, DisableGaplessAudio);
    IRawCDImageCreator_Release(img);
}

START_TEST(format_options)
{
    CoInitialize(NULL);
    test_data();
    test_erase();
    test_tao_raw();
    test_write_engine();
    test_raw_image();
    CoUninitialize();
}
