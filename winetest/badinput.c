/* Bad input to every public method of the 15 creatable classes of imapi2.dll and
 * imapi2fs.dll (issue 16: evidence that no argument crashes or hangs them, and that each
 * answers as the reference says): NULL output pointers, NULL / empty / 65,536-character
 * BSTRs, out-of-range enums and numbers, NULL input objects, VARIANTs of a wrong type,
 * and objects used after their parents were released.
 *
 * Every call gets a fresh object, not initialized (no recorder, no image content), so
 * the calls touch no emulated recorder and leave nothing behind for later programs.
 * The calls of the generated part (bad_*) follow the member list and parameter
 * attributes of /work/shared/reference/imapi2_abi.tsv, for each interface the class
 * answers and its parents; other parameters get valid values. Answers checked:
 *  - a NULL [out] pointer: E_POINTER (spec 0.1: the documented getter answer; the methods
 *    with several outputs document E_POINTER too);
 *  - members whose page names the answer to the bad value (table `documented`): exactly it;
 *  - everything else: a failure the reference uses for bad arguments (E_INVALIDARG,
 *    E_POINTER, an IMAPI family code 0xC0AAxxxx, STG_E_* for IStream, DISP_E_TYPEMISMATCH)
 *    or success where the value is merely unusual (a LONG of -1 may be a valid value);
 *    an out-of-range enum must fail.
 * A stub (E_NOTIMPL through IMAPI_STUB) where an argument answer is documented is marked
 * todo, so it stays visible; so are the known deviations listed in `known`.
 * The last trace gives the figures for the README. */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"

enum bi_kind { BI_POINTER, BI_BSTR_NULL, BI_BSTR_EMPTY, BI_BSTR_65536, BI_ENUM, BI_NUMBER, BI_INPTR, BI_VARIANT,
               BI_NONE, BI_AFTER };

static BSTR bi_name, bi_empty, bi_long;
static VARIANT bi_vempty, bi_vwrong;
static BYTE bi_buf[65536];
static unsigned bi_calls, bi_documented, bi_documented_met, bi_todo, bi_stubs;

/* Answers the reference documents for one bad value (member, label as generated). */
static const struct { const char *member, *label; HRESULT hr; } documented[] =
{
    { "IDiscRecorder2::InitializeDiscRecorder", "recorderUniqueId NULL", E_INVALIDARG },
    { "IDiscRecorder2::InitializeDiscRecorder", "recorderUniqueId empty", E_INVALIDARG },
    { "IDiscRecorder2::AcquireExclusiveAccess", "name NULL", E_INVALIDARG },
    { "IDiscRecorder2::AcquireExclusiveAccess", "name empty", E_INVALIDARG },
    { "IDiscRecorder2::AcquireExclusiveAccess", "name 65536 chars", E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscMaster2::get_Item", "index -1", E_INVALIDARG },
    { "IDiscMaster2::get_Item", "index 0x7fffffff", E_INVALIDARG },
    { "IDiscFormat2Data::put_ClientName", "value NULL", E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscFormat2Data::put_ClientName", "value empty", E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscFormat2TrackAtOnce::put_ClientName", "value NULL", E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscFormat2TrackAtOnce::put_ClientName", "value empty", E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscFormat2RawCD::put_ClientName", "value NULL", E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID },
    { "IDiscFormat2RawCD::put_ClientName", "value empty", E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID },
    { "IWriteEngine2::WriteSection", "NULL data", E_POINTER },
    { "IWriteEngine2::put_Recorder", "NULL value", E_POINTER },
    { "IWriteEngine2::put_BytesPerSector", "value -1", E_INVALIDARG },
    { "IFileSystemImage::put_VolumeName", "newVal 65536 chars", IMAPI_E_INVALID_VOLUME_NAME },
    { "IFileSystemImage::ChooseImageDefaults", "NULL discRecorder", E_POINTER },
    { "IFileSystemImage::SetMaxMediaBlocksFromDevice", "NULL discRecorder", E_POINTER },
    /* El Torito platform ids: "other values may exist", put gives S_OK only */
    { "IBootOptions::put_PlatformId", "newVal 0x7fffffff", S_OK },
    { "IBootOptions::put_PlatformId", "newVal -1", S_OK },
};
static BOOL documented_used[ARRAYSIZE(documented)];

/* Known deviations, marked todo (member, label; label NULL = every call of the member). */
static const struct { const char *member, *label; } known[] =
{
    { NULL, NULL }
};

static BOOL is_known(const char *member, const char *label)
{
    unsigned i;
    for (i = 0; known[i].member; i++)
        if (!strcmp(known[i].member, member) && (!known[i].label || !strcmp(known[i].label, label))) return TRUE;
    return FALSE;
}

/* A failure the reference uses for bad arguments, or success. */
static BOOL acceptable(HRESULT hr, enum bi_kind kind)
{
    if (hr == S_OK || hr == S_FALSE) return kind != BI_ENUM;
    if ((hr & 0xffff0000) == 0xc0aa0000 || (hr & 0xffff0000) == 0x00aa0000) return TRUE;   /* IMAPI family */
    return hr == E_INVALIDARG || hr == E_POINTER || hr == E_FAIL || hr == E_NOTIMPL || hr == DISP_E_TYPEMISMATCH
        || hr == STG_E_INVALIDPOINTER || hr == STG_E_INVALIDFUNCTION || hr == STG_E_INVALIDPARAMETER
        || hr == STG_E_INVALIDFLAG
        || hr == STG_E_ACCESSDENIED   /* a read-only stream refusing a change (SetSize of a concatenation) */
        || hr == E_OUTOFMEMORY;
}

static void bi_check(HRESULT hr, enum bi_kind kind, const char *member, const char *label)
{
    HRESULT want = 1;   /* none */
    unsigned i;
    BOOL known_dev = is_known(member, label);

    bi_calls++;
    if (kind == BI_POINTER) want = E_POINTER;
    for (i = 0; i < ARRAYSIZE(documented); i++)
        if (!strcmp(documented[i].member, member) && !strcmp(documented[i].label, label))
        {
            want = documented[i].hr;
            documented_used[i] = TRUE;
        }
    if (hr == E_NOTIMPL) bi_stubs++;
    if (want != 1)
    {
        bi_documented++;
        if (hr == want) bi_documented_met++;
        todo_if(known_dev || hr == E_NOTIMPL)
        ok(hr == want, "%s(%s): %08lx, documented %08lx\n", member, label, hr, want);
    }
    else
    {
        todo_if(known_dev)
        ok(acceptable(hr, kind), "%s(%s): %08lx\n", member, label, hr);
    }
    if ((want != 1 && hr != want) || (want == 1 && !acceptable(hr, kind))) bi_todo += known_dev || hr == E_NOTIMPL;
}

static void *bi_new(const CLSID *clsid, const IID *iid)
{
    void *obj = NULL;
    HRESULT hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, iid, &obj);
    ok(hr == S_OK && obj, "CoCreateInstance(%s, %s) returned %08lx\n", wine_dbgstr_guid(clsid), wine_dbgstr_guid(iid), hr);
    return obj;
}

static void bi_release(void *obj)
{
    IUnknown_Release((IUnknown *)obj);
}

/* Room for whatever an output parameter returns (leaked: the objects are few and short-lived). */
static void *bi_out(void)
{
    static ULONGLONG slots[16][8];
    static unsigned next;
    void *p = slots[next++ % 16];
    memset(p, 0, sizeof(slots[0]));
    return p;
}

static void bad_MsftDiscMaster2(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get__NewEnum((IDiscMaster2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscMaster2::get__NewEnum", "NULL ppunk"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get_Item((IDiscMaster2 *)obj, (LONG)-1, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscMaster2::get_Item", "index -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get_Item((IDiscMaster2 *)obj, (LONG)0x7fffffff, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscMaster2::get_Item", "index 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get_Item((IDiscMaster2 *)obj, 0, NULL); bi_check(hr, BI_POINTER, "IDiscMaster2::get_Item", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get_Count((IDiscMaster2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscMaster2::get_Count", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2))) { hr = IDiscMaster2_get_IsSupportedEnvironment((IDiscMaster2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscMaster2::get_IsSupportedEnvironment", "NULL value"); bi_release(obj); }
}

static void bad_MsftDiscRecorder2(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_EjectMedia((IDiscRecorder2 *)obj); bi_check(hr, BI_NONE, "IDiscRecorder2::EjectMedia", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_CloseTray((IDiscRecorder2 *)obj); bi_check(hr, BI_NONE, "IDiscRecorder2::CloseTray", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_AcquireExclusiveAccess((IDiscRecorder2 *)obj, (VARIANT_BOOL)0x1234, bi_name); bi_check(hr, BI_NUMBER, "IDiscRecorder2::AcquireExclusiveAccess", "force 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_AcquireExclusiveAccess((IDiscRecorder2 *)obj, VARIANT_FALSE, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscRecorder2::AcquireExclusiveAccess", "name NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_AcquireExclusiveAccess((IDiscRecorder2 *)obj, VARIANT_FALSE, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscRecorder2::AcquireExclusiveAccess", "name empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_AcquireExclusiveAccess((IDiscRecorder2 *)obj, VARIANT_FALSE, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscRecorder2::AcquireExclusiveAccess", "name 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_ReleaseExclusiveAccess((IDiscRecorder2 *)obj); bi_check(hr, BI_NONE, "IDiscRecorder2::ReleaseExclusiveAccess", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_DisableMcn((IDiscRecorder2 *)obj); bi_check(hr, BI_NONE, "IDiscRecorder2::DisableMcn", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_EnableMcn((IDiscRecorder2 *)obj); bi_check(hr, BI_NONE, "IDiscRecorder2::EnableMcn", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_InitializeDiscRecorder((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscRecorder2::InitializeDiscRecorder", "recorderUniqueId NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_InitializeDiscRecorder((IDiscRecorder2 *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscRecorder2::InitializeDiscRecorder", "recorderUniqueId empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_InitializeDiscRecorder((IDiscRecorder2 *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscRecorder2::InitializeDiscRecorder", "recorderUniqueId 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_ActiveDiscRecorder((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_ActiveDiscRecorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_VendorId((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_VendorId", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_ProductId((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_ProductId", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_ProductRevision((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_ProductRevision", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_VolumeName((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_VolumeName", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_VolumePathNames((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_VolumePathNames", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_DeviceCanLoadMedia((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_DeviceCanLoadMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_LegacyDeviceNumber((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_LegacyDeviceNumber", "NULL legacyDeviceNumber"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_SupportedFeaturePages((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_SupportedFeaturePages", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_CurrentFeaturePages((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_CurrentFeaturePages", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_SupportedProfiles((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_SupportedProfiles", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_CurrentProfiles((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_CurrentProfiles", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_SupportedModePages((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_SupportedModePages", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2))) { hr = IDiscRecorder2_get_ExclusiveAccessOwner((IDiscRecorder2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2::get_ExclusiveAccessOwner", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandNoData((IDiscRecorder2Ex *)obj, bi_buf, 0, NULL, 0); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::SendCommandNoData", "NULL SenseBuffer"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandNoData((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)-1); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandNoData", "Timeout -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandNoData((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandNoData", "Timeout 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandSendDataToDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, NULL, 0, bi_buf, 0); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::SendCommandSendDataToDevice", "NULL SenseBuffer"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandSendDataToDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)-1, bi_buf, 0); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandSendDataToDevice", "Timeout -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandSendDataToDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)0x7fffffff, bi_buf, 0); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandSendDataToDevice", "Timeout 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, NULL, 0, (void *)bi_out(), 0, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::SendCommandGetDataFromDevice", "NULL SenseBuffer"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)-1, (void *)bi_out(), 0, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandGetDataFromDevice", "Timeout -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), (ULONG)0x7fffffff, (void *)bi_out(), 0, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendCommandGetDataFromDevice", "Timeout 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), 0, NULL, 0, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::SendCommandGetDataFromDevice", "NULL Buffer"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice((IDiscRecorder2Ex *)obj, bi_buf, 0, (void *)bi_out(), 0, (void *)bi_out(), 0, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::SendCommandGetDataFromDevice", "NULL BufferFetched"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, (ULONG)-1, 0, 0, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "format -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, (ULONG)0x7fffffff, 0, 0, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "format 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, (ULONG)-1, 0, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "address -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, (ULONG)0x7fffffff, 0, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "address 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, (ULONG)-1, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "layer -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, (ULONG)0x7fffffff, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "layer 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, 0, (ULONG)-1, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "agid -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, 0, (ULONG)0x7fffffff, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::ReadDvdStructure", "agid 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, 0, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::ReadDvdStructure", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_ReadDvdStructure((IDiscRecorder2Ex *)obj, 0, 0, 0, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::ReadDvdStructure", "NULL count"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendDvdStructure((IDiscRecorder2Ex *)obj, (ULONG)-1, bi_buf, 0); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendDvdStructure", "format -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SendDvdStructure((IDiscRecorder2Ex *)obj, (ULONG)0x7fffffff, bi_buf, 0); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::SendDvdStructure", "format 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetAdapterDescriptor((IDiscRecorder2Ex *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetAdapterDescriptor", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetAdapterDescriptor((IDiscRecorder2Ex *)obj, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetAdapterDescriptor", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetDeviceDescriptor((IDiscRecorder2Ex *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetDeviceDescriptor", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetDeviceDescriptor((IDiscRecorder2Ex *)obj, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetDeviceDescriptor", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetDiscInformation((IDiscRecorder2Ex *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetDiscInformation", "NULL discInformation"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetDiscInformation((IDiscRecorder2Ex *)obj, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetDiscInformation", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, (ULONG)-1, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::GetTrackInformation", "address -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, (ULONG)0x7fffffff, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_NUMBER, "IDiscRecorder2Ex::GetTrackInformation", "address 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, 0, (IMAPI_READ_TRACK_ADDRESS_TYPE)0x7fffffff, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetTrackInformation", "addressType 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, 0, (IMAPI_READ_TRACK_ADDRESS_TYPE)-1, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetTrackInformation", "addressType -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, 0, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetTrackInformation", "NULL trackInformation"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetTrackInformation((IDiscRecorder2Ex *)obj, 0, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetTrackInformation", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetFeaturePage((IDiscRecorder2Ex *)obj, (IMAPI_FEATURE_PAGE_TYPE)0x7fffffff, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetFeaturePage", "requestedFeature 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetFeaturePage((IDiscRecorder2Ex *)obj, (IMAPI_FEATURE_PAGE_TYPE)-1, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetFeaturePage", "requestedFeature -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetFeaturePage((IDiscRecorder2Ex *)obj, 0, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetFeaturePage", "NULL featureData"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetFeaturePage((IDiscRecorder2Ex *)obj, 0, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetFeaturePage", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_TYPE)0x7fffffff, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetModePage", "requestedModePage 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_TYPE)-1, 0, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetModePage", "requestedModePage -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, 0, (IMAPI_MODE_PAGE_REQUEST_TYPE)0x7fffffff, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetModePage", "requestType 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, 0, (IMAPI_MODE_PAGE_REQUEST_TYPE)-1, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetModePage", "requestType -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, 0, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetModePage", "NULL modePageData"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetModePage((IDiscRecorder2Ex *)obj, 0, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetModePage", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SetModePage((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_REQUEST_TYPE)0x7fffffff, bi_buf, 0); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::SetModePage", "requestType 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_SetModePage((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_REQUEST_TYPE)-1, bi_buf, 0); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::SetModePage", "requestType -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedFeaturePages((IDiscRecorder2Ex *)obj, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedFeaturePages", "NULL featureData"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedFeaturePages((IDiscRecorder2Ex *)obj, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedFeaturePages", "NULL byteSize"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedProfiles((IDiscRecorder2Ex *)obj, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedProfiles", "NULL profileTypes"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedProfiles((IDiscRecorder2Ex *)obj, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedProfiles", "NULL validProfiles"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedModePages((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_REQUEST_TYPE)0x7fffffff, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetSupportedModePages", "requestType 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedModePages((IDiscRecorder2Ex *)obj, (IMAPI_MODE_PAGE_REQUEST_TYPE)-1, (void *)bi_out(), (void *)bi_out()); bi_check(hr, BI_ENUM, "IDiscRecorder2Ex::GetSupportedModePages", "requestType -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedModePages((IDiscRecorder2Ex *)obj, 0, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedModePages", "NULL modePageTypes"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetSupportedModePages((IDiscRecorder2Ex *)obj, 0, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetSupportedModePages", "NULL validPages"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetByteAlignmentMask((IDiscRecorder2Ex *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetByteAlignmentMask", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetMaximumNonPageAlignedTransferSize((IDiscRecorder2Ex *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetMaximumNonPageAlignedTransferSize", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2Ex))) { hr = IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize((IDiscRecorder2Ex *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscRecorder2Ex::GetMaximumPageAlignedTransferSize", "NULL value"); bi_release(obj); }
}

static void bad_MsftWriteEngine2(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_WriteSection((IWriteEngine2 *)obj, NULL, 0, 0); bi_check(hr, BI_INPTR, "IWriteEngine2::WriteSection", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_WriteSection((IWriteEngine2 *)obj, NULL, (LONG)-1, 0); bi_check(hr, BI_NUMBER, "IWriteEngine2::WriteSection", "startingBlockAddress -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_WriteSection((IWriteEngine2 *)obj, NULL, (LONG)0x7fffffff, 0); bi_check(hr, BI_NUMBER, "IWriteEngine2::WriteSection", "startingBlockAddress 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_WriteSection((IWriteEngine2 *)obj, NULL, 0, (LONG)-1); bi_check(hr, BI_NUMBER, "IWriteEngine2::WriteSection", "numberOfBlocks -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_WriteSection((IWriteEngine2 *)obj, NULL, 0, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IWriteEngine2::WriteSection", "numberOfBlocks 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_CancelWrite((IWriteEngine2 *)obj); bi_check(hr, BI_NONE, "IWriteEngine2::CancelWrite", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_Recorder((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_INPTR, "IWriteEngine2::put_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_Recorder((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_UseStreamingWrite12((IWriteEngine2 *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_UseStreamingWrite12", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_UseStreamingWrite12((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_UseStreamingWrite12", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_StartingSectorsPerSecond((IWriteEngine2 *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_StartingSectorsPerSecond", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_StartingSectorsPerSecond((IWriteEngine2 *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_StartingSectorsPerSecond", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_StartingSectorsPerSecond((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_StartingSectorsPerSecond", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_EndingSectorsPerSecond((IWriteEngine2 *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_EndingSectorsPerSecond", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_EndingSectorsPerSecond((IWriteEngine2 *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_EndingSectorsPerSecond", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_EndingSectorsPerSecond((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_EndingSectorsPerSecond", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_BytesPerSector((IWriteEngine2 *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_BytesPerSector", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_put_BytesPerSector((IWriteEngine2 *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IWriteEngine2::put_BytesPerSector", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_BytesPerSector((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_BytesPerSector", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2))) { hr = IWriteEngine2_get_WriteInProgress((IWriteEngine2 *)obj, NULL); bi_check(hr, BI_POINTER, "IWriteEngine2::get_WriteInProgress", "NULL value"); bi_release(obj); }
}

static void bad_MsftDiscFormat2Erase(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsRecorderSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsRecorderSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsCurrentMediaSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsCurrentMediaSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaPhysicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaPhysicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaHeuristicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaHeuristicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_SupportedMediaTypes((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_SupportedMediaTypes", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_put_Recorder((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2Erase::put_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_get_Recorder((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Erase::get_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_put_FullErase((IDiscFormat2Erase *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Erase::put_FullErase", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_get_FullErase((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Erase::get_FullErase", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_get_CurrentPhysicalMediaType((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Erase::get_CurrentPhysicalMediaType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_put_ClientName((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscFormat2Erase::put_ClientName", "value NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_put_ClientName((IDiscFormat2Erase *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscFormat2Erase::put_ClientName", "value empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_put_ClientName((IDiscFormat2Erase *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscFormat2Erase::put_ClientName", "value 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_get_ClientName((IDiscFormat2Erase *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Erase::get_ClientName", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Erase, &IID_IDiscFormat2Erase))) { hr = IDiscFormat2Erase_EraseMedia((IDiscFormat2Erase *)obj); bi_check(hr, BI_NONE, "IDiscFormat2Erase::EraseMedia", "noargs"); bi_release(obj); }
}

static void bad_MsftDiscFormat2Data(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsRecorderSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsRecorderSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsCurrentMediaSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsCurrentMediaSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaPhysicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaPhysicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaHeuristicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaHeuristicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_SupportedMediaTypes((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_SupportedMediaTypes", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_Recorder((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2Data::put_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_Recorder((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_BufferUnderrunFreeDisabled((IDiscFormat2Data *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::put_BufferUnderrunFreeDisabled", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_BufferUnderrunFreeDisabled((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_BufferUnderrunFreeDisabled", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_PostgapAlreadyInImage((IDiscFormat2Data *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::put_PostgapAlreadyInImage", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_PostgapAlreadyInImage((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_PostgapAlreadyInImage", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_CurrentMediaStatus((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_CurrentMediaStatus", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_WriteProtectStatus((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_WriteProtectStatus", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_TotalSectorsOnMedia((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_TotalSectorsOnMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_FreeSectorsOnMedia((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_FreeSectorsOnMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_NextWritableAddress((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_NextWritableAddress", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_StartAddressOfPreviousSession((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_StartAddressOfPreviousSession", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_LastWrittenAddressOfPreviousSession((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_LastWrittenAddressOfPreviousSession", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_ForceMediaToBeClosed((IDiscFormat2Data *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::put_ForceMediaToBeClosed", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_ForceMediaToBeClosed((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_ForceMediaToBeClosed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode((IDiscFormat2Data *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::put_DisableConsumerDvdCompatibilityMode", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_DisableConsumerDvdCompatibilityMode((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_DisableConsumerDvdCompatibilityMode", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_CurrentPhysicalMediaType((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_CurrentPhysicalMediaType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_ClientName((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscFormat2Data::put_ClientName", "value NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_ClientName((IDiscFormat2Data *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscFormat2Data::put_ClientName", "value empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_ClientName((IDiscFormat2Data *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscFormat2Data::put_ClientName", "value 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_ClientName((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_ClientName", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_RequestedWriteSpeed((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_RequestedWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_RequestedRotationTypeIsPureCAV((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_RequestedRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_CurrentWriteSpeed((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_CurrentWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_CurrentRotationTypeIsPureCAV((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_CurrentRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_SupportedWriteSpeeds((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_SupportedWriteSpeeds", "NULL supportedSpeeds"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_SupportedWriteSpeedDescriptors((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_SupportedWriteSpeedDescriptors", "NULL supportedSpeedDescriptors"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_put_ForceOverwrite((IDiscFormat2Data *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::put_ForceOverwrite", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_ForceOverwrite((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_ForceOverwrite", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_get_MultisessionInterfaces((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2Data::get_MultisessionInterfaces", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_Write((IDiscFormat2Data *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2Data::Write", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_CancelWrite((IDiscFormat2Data *)obj); bi_check(hr, BI_NONE, "IDiscFormat2Data::CancelWrite", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_SetWriteSpeed((IDiscFormat2Data *)obj, (LONG)-1, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::SetWriteSpeed", "RequestedSectorsPerSecond -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_SetWriteSpeed((IDiscFormat2Data *)obj, (LONG)0x7fffffff, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::SetWriteSpeed", "RequestedSectorsPerSecond 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IDiscFormat2Data))) { hr = IDiscFormat2Data_SetWriteSpeed((IDiscFormat2Data *)obj, 0, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2Data::SetWriteSpeed", "RotationTypeIsPureCAV 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IBurnVerification))) { hr = IBurnVerification_put_BurnVerificationLevel((IBurnVerification *)obj, (IMAPI_BURN_VERIFICATION_LEVEL)0x7fffffff); bi_check(hr, BI_ENUM, "IBurnVerification::put_BurnVerificationLevel", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IBurnVerification))) { hr = IBurnVerification_put_BurnVerificationLevel((IBurnVerification *)obj, (IMAPI_BURN_VERIFICATION_LEVEL)-1); bi_check(hr, BI_ENUM, "IBurnVerification::put_BurnVerificationLevel", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2Data, &IID_IBurnVerification))) { hr = IBurnVerification_get_BurnVerificationLevel((IBurnVerification *)obj, NULL); bi_check(hr, BI_POINTER, "IBurnVerification::get_BurnVerificationLevel", "NULL value"); bi_release(obj); }
}

static void bad_MsftDiscFormat2TrackAtOnce(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsRecorderSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsRecorderSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsCurrentMediaSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsCurrentMediaSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaPhysicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaPhysicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaHeuristicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaHeuristicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_SupportedMediaTypes((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_SupportedMediaTypes", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_PrepareMedia((IDiscFormat2TrackAtOnce *)obj); bi_check(hr, BI_NONE, "IDiscFormat2TrackAtOnce::PrepareMedia", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_AddAudioTrack((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2TrackAtOnce::AddAudioTrack", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_CancelAddTrack((IDiscFormat2TrackAtOnce *)obj); bi_check(hr, BI_NONE, "IDiscFormat2TrackAtOnce::CancelAddTrack", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_ReleaseMedia((IDiscFormat2TrackAtOnce *)obj); bi_check(hr, BI_NONE, "IDiscFormat2TrackAtOnce::ReleaseMedia", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_SetWriteSpeed((IDiscFormat2TrackAtOnce *)obj, (LONG)-1, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2TrackAtOnce::SetWriteSpeed", "RequestedSectorsPerSecond -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_SetWriteSpeed((IDiscFormat2TrackAtOnce *)obj, (LONG)0x7fffffff, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2TrackAtOnce::SetWriteSpeed", "RequestedSectorsPerSecond 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_SetWriteSpeed((IDiscFormat2TrackAtOnce *)obj, 0, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2TrackAtOnce::SetWriteSpeed", "RotationTypeIsPureCAV 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_Recorder((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2TrackAtOnce::put_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_Recorder((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_BufferUnderrunFreeDisabled((IDiscFormat2TrackAtOnce *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2TrackAtOnce::put_BufferUnderrunFreeDisabled", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_BufferUnderrunFreeDisabled((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_BufferUnderrunFreeDisabled", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_NumberOfExistingTracks((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_NumberOfExistingTracks", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_TotalSectorsOnMedia((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_TotalSectorsOnMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_FreeSectorsOnMedia((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_FreeSectorsOnMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_UsedSectorsOnMedia((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_UsedSectorsOnMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia((IDiscFormat2TrackAtOnce *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2TrackAtOnce::put_DoNotFinalizeMedia", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_DoNotFinalizeMedia((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_DoNotFinalizeMedia", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_ExpectedTableOfContents((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_ExpectedTableOfContents", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_CurrentPhysicalMediaType((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_CurrentPhysicalMediaType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_ClientName((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscFormat2TrackAtOnce::put_ClientName", "value NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_ClientName((IDiscFormat2TrackAtOnce *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscFormat2TrackAtOnce::put_ClientName", "value empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_put_ClientName((IDiscFormat2TrackAtOnce *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscFormat2TrackAtOnce::put_ClientName", "value 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_ClientName((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_ClientName", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_RequestedWriteSpeed((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_RequestedWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_RequestedRotationTypeIsPureCAV((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_RequestedRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_CurrentWriteSpeed((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_CurrentWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_CurrentRotationTypeIsPureCAV((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_CurrentRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_SupportedWriteSpeeds((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_SupportedWriteSpeeds", "NULL supportedSpeeds"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IDiscFormat2TrackAtOnce))) { hr = IDiscFormat2TrackAtOnce_get_SupportedWriteSpeedDescriptors((IDiscFormat2TrackAtOnce *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2TrackAtOnce::get_SupportedWriteSpeedDescriptors", "NULL supportedSpeedDescriptors"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IBurnVerification))) { hr = IBurnVerification_put_BurnVerificationLevel((IBurnVerification *)obj, (IMAPI_BURN_VERIFICATION_LEVEL)0x7fffffff); bi_check(hr, BI_ENUM, "IBurnVerification::put_BurnVerificationLevel", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IBurnVerification))) { hr = IBurnVerification_put_BurnVerificationLevel((IBurnVerification *)obj, (IMAPI_BURN_VERIFICATION_LEVEL)-1); bi_check(hr, BI_ENUM, "IBurnVerification::put_BurnVerificationLevel", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2TrackAtOnce, &IID_IBurnVerification))) { hr = IBurnVerification_get_BurnVerificationLevel((IBurnVerification *)obj, NULL); bi_check(hr, BI_POINTER, "IBurnVerification::get_BurnVerificationLevel", "NULL value"); bi_release(obj); }
}

static void bad_MsftDiscFormat2RawCD(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsRecorderSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsRecorderSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsRecorderSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IDiscFormat2::IsCurrentMediaSupported", "NULL recorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_IsCurrentMediaSupported((IDiscFormat2 *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::IsCurrentMediaSupported", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaPhysicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaPhysicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_MediaHeuristicallyBlank((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_MediaHeuristicallyBlank", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2))) { hr = IDiscFormat2_get_SupportedMediaTypes((IDiscFormat2 *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2::get_SupportedMediaTypes", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_PrepareMedia((IDiscFormat2RawCD *)obj); bi_check(hr, BI_NONE, "IDiscFormat2RawCD::PrepareMedia", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_WriteMedia((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2RawCD::WriteMedia", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_WriteMedia2((IDiscFormat2RawCD *)obj, NULL, 0); bi_check(hr, BI_INPTR, "IDiscFormat2RawCD::WriteMedia2", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_WriteMedia2((IDiscFormat2RawCD *)obj, NULL, (LONG)-1); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::WriteMedia2", "streamLeadInSectors -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_WriteMedia2((IDiscFormat2RawCD *)obj, NULL, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::WriteMedia2", "streamLeadInSectors 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_CancelWrite((IDiscFormat2RawCD *)obj); bi_check(hr, BI_NONE, "IDiscFormat2RawCD::CancelWrite", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_ReleaseMedia((IDiscFormat2RawCD *)obj); bi_check(hr, BI_NONE, "IDiscFormat2RawCD::ReleaseMedia", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_SetWriteSpeed((IDiscFormat2RawCD *)obj, (LONG)-1, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::SetWriteSpeed", "RequestedSectorsPerSecond -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_SetWriteSpeed((IDiscFormat2RawCD *)obj, (LONG)0x7fffffff, VARIANT_FALSE); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::SetWriteSpeed", "RequestedSectorsPerSecond 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_SetWriteSpeed((IDiscFormat2RawCD *)obj, 0, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::SetWriteSpeed", "RotationTypeIsPureCAV 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_Recorder((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_INPTR, "IDiscFormat2RawCD::put_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_Recorder((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_Recorder", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_BufferUnderrunFreeDisabled((IDiscFormat2RawCD *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IDiscFormat2RawCD::put_BufferUnderrunFreeDisabled", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_BufferUnderrunFreeDisabled((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_BufferUnderrunFreeDisabled", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_StartOfNextSession((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_StartOfNextSession", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_LastPossibleStartOfLeadout((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_LastPossibleStartOfLeadout", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_CurrentPhysicalMediaType((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_CurrentPhysicalMediaType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_SupportedSectorTypes((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_SupportedSectorTypes", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_RequestedSectorType((IDiscFormat2RawCD *)obj, (IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE)0x7fffffff); bi_check(hr, BI_ENUM, "IDiscFormat2RawCD::put_RequestedSectorType", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_RequestedSectorType((IDiscFormat2RawCD *)obj, (IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE)-1); bi_check(hr, BI_ENUM, "IDiscFormat2RawCD::put_RequestedSectorType", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_RequestedSectorType((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_RequestedSectorType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_ClientName((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IDiscFormat2RawCD::put_ClientName", "value NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_ClientName((IDiscFormat2RawCD *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IDiscFormat2RawCD::put_ClientName", "value empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_put_ClientName((IDiscFormat2RawCD *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IDiscFormat2RawCD::put_ClientName", "value 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_ClientName((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_ClientName", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_RequestedWriteSpeed((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_RequestedWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_RequestedRotationTypeIsPureCAV((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_RequestedRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_CurrentWriteSpeed((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_CurrentWriteSpeed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_CurrentRotationTypeIsPureCAV((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_CurrentRotationTypeIsPureCAV", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_SupportedWriteSpeeds((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_SupportedWriteSpeeds", "NULL supportedSpeeds"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftDiscFormat2RawCD, &IID_IDiscFormat2RawCD))) { hr = IDiscFormat2RawCD_get_SupportedWriteSpeedDescriptors((IDiscFormat2RawCD *)obj, NULL); bi_check(hr, BI_POINTER, "IDiscFormat2RawCD::get_SupportedWriteSpeedDescriptors", "NULL supportedSpeedDescriptors"); bi_release(obj); }
}

static void bad_MsftStreamZero(void)
{
    void *obj;
    HRESULT hr;
    (void)obj;
    (void)hr;
}

static void bad_MsftStreamPrng001(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased))) { hr = IStreamPseudoRandomBased_put_Seed((IStreamPseudoRandomBased *)obj, (ULONG)-1); bi_check(hr, BI_NUMBER, "IStreamPseudoRandomBased::put_Seed", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased))) { hr = IStreamPseudoRandomBased_put_Seed((IStreamPseudoRandomBased *)obj, (ULONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IStreamPseudoRandomBased::put_Seed", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased))) { hr = IStreamPseudoRandomBased_get_Seed((IStreamPseudoRandomBased *)obj, NULL); bi_check(hr, BI_POINTER, "IStreamPseudoRandomBased::get_Seed", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased))) { hr = IStreamPseudoRandomBased_get_ExtendedSeed((IStreamPseudoRandomBased *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_POINTER, "IStreamPseudoRandomBased::get_ExtendedSeed", "NULL values"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamPrng001, &IID_IStreamPseudoRandomBased))) { hr = IStreamPseudoRandomBased_get_ExtendedSeed((IStreamPseudoRandomBased *)obj, (void *)bi_out(), NULL); bi_check(hr, BI_POINTER, "IStreamPseudoRandomBased::get_ExtendedSeed", "NULL eCount"); bi_release(obj); }
}

static void bad_MsftStreamConcatenate(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftStreamConcatenate, &IID_IStreamConcatenate))) { hr = IStreamConcatenate_Initialize((IStreamConcatenate *)obj, NULL, NULL); bi_check(hr, BI_INPTR, "IStreamConcatenate::Initialize", "NULL stream1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamConcatenate, &IID_IStreamConcatenate))) { hr = IStreamConcatenate_Initialize((IStreamConcatenate *)obj, NULL, NULL); bi_check(hr, BI_INPTR, "IStreamConcatenate::Initialize", "NULL stream2"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftStreamConcatenate, &IID_IStreamConcatenate))) { hr = IStreamConcatenate_Append((IStreamConcatenate *)obj, NULL); bi_check(hr, BI_INPTR, "IStreamConcatenate::Append", "NULL stream"); bi_release(obj); }
}

static void bad_MsftStreamInterleave(void)
{
    void *obj;
    HRESULT hr;
    (void)obj;
    (void)hr;
}

static void bad_MsftRawCDImageCreator(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_CreateResultImage((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::CreateResultImage", "NULL resultStream"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddTrack((IRawCDImageCreator *)obj, (IMAPI_CD_SECTOR_TYPE)0x7fffffff, NULL, (void *)bi_out()); bi_check(hr, BI_ENUM, "IRawCDImageCreator::AddTrack", "dataType 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddTrack((IRawCDImageCreator *)obj, (IMAPI_CD_SECTOR_TYPE)-1, NULL, (void *)bi_out()); bi_check(hr, BI_ENUM, "IRawCDImageCreator::AddTrack", "dataType -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddTrack((IRawCDImageCreator *)obj, 0, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IRawCDImageCreator::AddTrack", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddTrack((IRawCDImageCreator *)obj, 0, NULL, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::AddTrack", "NULL trackIndex"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddSpecialPregap((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_INPTR, "IRawCDImageCreator::AddSpecialPregap", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_AddSubcodeRWGenerator((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_INPTR, "IRawCDImageCreator::AddSubcodeRWGenerator", "NULL subcode"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_ResultingImageType((IRawCDImageCreator *)obj, (IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE)0x7fffffff); bi_check(hr, BI_ENUM, "IRawCDImageCreator::put_ResultingImageType", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_ResultingImageType((IRawCDImageCreator *)obj, (IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE)-1); bi_check(hr, BI_ENUM, "IRawCDImageCreator::put_ResultingImageType", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_ResultingImageType((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_ResultingImageType", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_StartOfLeadout((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_StartOfLeadout", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_StartOfLeadoutLimit((IRawCDImageCreator *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::put_StartOfLeadoutLimit", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_StartOfLeadoutLimit((IRawCDImageCreator *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::put_StartOfLeadoutLimit", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_StartOfLeadoutLimit((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_StartOfLeadoutLimit", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_DisableGaplessAudio((IRawCDImageCreator *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::put_DisableGaplessAudio", "value 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_DisableGaplessAudio((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_DisableGaplessAudio", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_MediaCatalogNumber((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IRawCDImageCreator::put_MediaCatalogNumber", "value NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_MediaCatalogNumber((IRawCDImageCreator *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IRawCDImageCreator::put_MediaCatalogNumber", "value empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_MediaCatalogNumber((IRawCDImageCreator *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IRawCDImageCreator::put_MediaCatalogNumber", "value 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_MediaCatalogNumber((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_MediaCatalogNumber", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_StartingTrackNumber((IRawCDImageCreator *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::put_StartingTrackNumber", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_put_StartingTrackNumber((IRawCDImageCreator *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::put_StartingTrackNumber", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_StartingTrackNumber((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_StartingTrackNumber", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_TrackInfo((IRawCDImageCreator *)obj, (LONG)-1, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::get_TrackInfo", "trackIndex -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_TrackInfo((IRawCDImageCreator *)obj, (LONG)0x7fffffff, (void *)bi_out()); bi_check(hr, BI_NUMBER, "IRawCDImageCreator::get_TrackInfo", "trackIndex 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_TrackInfo((IRawCDImageCreator *)obj, 0, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_TrackInfo", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_NumberOfExistingTracks((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_NumberOfExistingTracks", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_LastUsedUserSectorInImage((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_LastUsedUserSectorInImage", "NULL value"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftRawCDImageCreator, &IID_IRawCDImageCreator))) { hr = IRawCDImageCreator_get_ExpectedTableOfContents((IRawCDImageCreator *)obj, NULL); bi_check(hr, BI_POINTER, "IRawCDImageCreator::get_ExpectedTableOfContents", "NULL value"); bi_release(obj); }
}

static void bad_BootOptions(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_get_BootImage((IBootOptions *)obj, NULL); bi_check(hr, BI_POINTER, "IBootOptions::get_BootImage", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_get_Manufacturer((IBootOptions *)obj, NULL); bi_check(hr, BI_POINTER, "IBootOptions::get_Manufacturer", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_Manufacturer((IBootOptions *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IBootOptions::put_Manufacturer", "newVal NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_Manufacturer((IBootOptions *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IBootOptions::put_Manufacturer", "newVal empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_Manufacturer((IBootOptions *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IBootOptions::put_Manufacturer", "newVal 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_get_PlatformId((IBootOptions *)obj, NULL); bi_check(hr, BI_POINTER, "IBootOptions::get_PlatformId", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_PlatformId((IBootOptions *)obj, (PlatformId)0x7fffffff); bi_check(hr, BI_ENUM, "IBootOptions::put_PlatformId", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_PlatformId((IBootOptions *)obj, (PlatformId)-1); bi_check(hr, BI_ENUM, "IBootOptions::put_PlatformId", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_get_Emulation((IBootOptions *)obj, NULL); bi_check(hr, BI_POINTER, "IBootOptions::get_Emulation", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_Emulation((IBootOptions *)obj, (EmulationType)0x7fffffff); bi_check(hr, BI_ENUM, "IBootOptions::put_Emulation", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_put_Emulation((IBootOptions *)obj, (EmulationType)-1); bi_check(hr, BI_ENUM, "IBootOptions::put_Emulation", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_get_ImageSize((IBootOptions *)obj, NULL); bi_check(hr, BI_POINTER, "IBootOptions::get_ImageSize", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_BootOptions, &IID_IBootOptions))) { hr = IBootOptions_AssignBootImage((IBootOptions *)obj, NULL); bi_check(hr, BI_INPTR, "IBootOptions::AssignBootImage", "NULL newVal"); bi_release(obj); }
}

static void bad_MsftFileSystemImage(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_Root((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_Root", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_SessionStartBlock((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_SessionStartBlock", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_SessionStartBlock((IFileSystemImage *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_SessionStartBlock", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_SessionStartBlock((IFileSystemImage *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_SessionStartBlock", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_FreeMediaBlocks((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_FreeMediaBlocks", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_FreeMediaBlocks((IFileSystemImage *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_FreeMediaBlocks", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_FreeMediaBlocks((IFileSystemImage *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_FreeMediaBlocks", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_SetMaxMediaBlocksFromDevice((IFileSystemImage *)obj, NULL); bi_check(hr, BI_INPTR, "IFileSystemImage::SetMaxMediaBlocksFromDevice", "NULL discRecorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_UsedBlocks((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_UsedBlocks", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_VolumeName((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_VolumeName", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_VolumeName((IFileSystemImage *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IFileSystemImage::put_VolumeName", "newVal NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_VolumeName((IFileSystemImage *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IFileSystemImage::put_VolumeName", "newVal empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_VolumeName((IFileSystemImage *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IFileSystemImage::put_VolumeName", "newVal 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_ImportedVolumeName((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_ImportedVolumeName", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_BootImageOptions((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_BootImageOptions", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_BootImageOptions((IFileSystemImage *)obj, NULL); bi_check(hr, BI_INPTR, "IFileSystemImage::put_BootImageOptions", "NULL newVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_FileCount((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_FileCount", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_DirectoryCount((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_DirectoryCount", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_WorkingDirectory((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_WorkingDirectory", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_WorkingDirectory((IFileSystemImage *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IFileSystemImage::put_WorkingDirectory", "newVal NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_WorkingDirectory((IFileSystemImage *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IFileSystemImage::put_WorkingDirectory", "newVal empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_WorkingDirectory((IFileSystemImage *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IFileSystemImage::put_WorkingDirectory", "newVal 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_ChangePoint((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_ChangePoint", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_StrictFileSystemCompliance((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_StrictFileSystemCompliance", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_StrictFileSystemCompliance((IFileSystemImage *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_StrictFileSystemCompliance", "newVal 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_UseRestrictedCharacterSet((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_UseRestrictedCharacterSet", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_UseRestrictedCharacterSet((IFileSystemImage *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_UseRestrictedCharacterSet", "newVal 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_FileSystemsToCreate((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_FileSystemsToCreate", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_FileSystemsToCreate((IFileSystemImage *)obj, (FsiFileSystems)0x7fffffff); bi_check(hr, BI_ENUM, "IFileSystemImage::put_FileSystemsToCreate", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_FileSystemsToCreate((IFileSystemImage *)obj, (FsiFileSystems)-1); bi_check(hr, BI_ENUM, "IFileSystemImage::put_FileSystemsToCreate", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_FileSystemsSupported((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_FileSystemsSupported", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_UDFRevision((IFileSystemImage *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_UDFRevision", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_UDFRevision((IFileSystemImage *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_UDFRevision", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_UDFRevision((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_UDFRevision", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_UDFRevisionsSupported((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_UDFRevisionsSupported", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ChooseImageDefaults((IFileSystemImage *)obj, NULL); bi_check(hr, BI_INPTR, "IFileSystemImage::ChooseImageDefaults", "NULL discRecorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ChooseImageDefaultsForMediaType((IFileSystemImage *)obj, (IMAPI_MEDIA_PHYSICAL_TYPE)0x7fffffff); bi_check(hr, BI_ENUM, "IFileSystemImage::ChooseImageDefaultsForMediaType", "value 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ChooseImageDefaultsForMediaType((IFileSystemImage *)obj, (IMAPI_MEDIA_PHYSICAL_TYPE)-1); bi_check(hr, BI_ENUM, "IFileSystemImage::ChooseImageDefaultsForMediaType", "value -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_ISO9660InterchangeLevel((IFileSystemImage *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_ISO9660InterchangeLevel", "newVal -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_ISO9660InterchangeLevel((IFileSystemImage *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_ISO9660InterchangeLevel", "newVal 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_ISO9660InterchangeLevel((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_ISO9660InterchangeLevel", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_ISO9660InterchangeLevelsSupported((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_ISO9660InterchangeLevelsSupported", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateResultImage((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::CreateResultImage", "NULL resultStream"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_Exists((IFileSystemImage *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_BSTR_NULL, "IFileSystemImage::Exists", "fullPath NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_Exists((IFileSystemImage *)obj, bi_empty, (void *)bi_out()); bi_check(hr, BI_BSTR_EMPTY, "IFileSystemImage::Exists", "fullPath empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_Exists((IFileSystemImage *)obj, bi_long, (void *)bi_out()); bi_check(hr, BI_BSTR_65536, "IFileSystemImage::Exists", "fullPath 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_Exists((IFileSystemImage *)obj, bi_name, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::Exists", "NULL itemType"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CalculateDiscIdentifier((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::CalculateDiscIdentifier", "NULL discIdentifier"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_IdentifyFileSystemsOnDisc((IFileSystemImage *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_INPTR, "IFileSystemImage::IdentifyFileSystemsOnDisc", "NULL discRecorder"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_IdentifyFileSystemsOnDisc((IFileSystemImage *)obj, NULL, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::IdentifyFileSystemsOnDisc", "NULL fileSystems"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_GetDefaultFileSystemForImport((IFileSystemImage *)obj, (FsiFileSystems)0x7fffffff, (void *)bi_out()); bi_check(hr, BI_ENUM, "IFileSystemImage::GetDefaultFileSystemForImport", "fileSystems 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_GetDefaultFileSystemForImport((IFileSystemImage *)obj, (FsiFileSystems)-1, (void *)bi_out()); bi_check(hr, BI_ENUM, "IFileSystemImage::GetDefaultFileSystemForImport", "fileSystems -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_GetDefaultFileSystemForImport((IFileSystemImage *)obj, 0, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::GetDefaultFileSystemForImport", "NULL importDefault"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ImportFileSystem((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::ImportFileSystem", "NULL importedFileSystem"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ImportSpecificFileSystem((IFileSystemImage *)obj, (FsiFileSystems)0x7fffffff); bi_check(hr, BI_ENUM, "IFileSystemImage::ImportSpecificFileSystem", "fileSystemToUse 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_ImportSpecificFileSystem((IFileSystemImage *)obj, (FsiFileSystems)-1); bi_check(hr, BI_ENUM, "IFileSystemImage::ImportSpecificFileSystem", "fileSystemToUse -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_RollbackToChangePoint((IFileSystemImage *)obj, (LONG)-1); bi_check(hr, BI_NUMBER, "IFileSystemImage::RollbackToChangePoint", "changePoint -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_RollbackToChangePoint((IFileSystemImage *)obj, (LONG)0x7fffffff); bi_check(hr, BI_NUMBER, "IFileSystemImage::RollbackToChangePoint", "changePoint 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_LockInChangePoint((IFileSystemImage *)obj); bi_check(hr, BI_NONE, "IFileSystemImage::LockInChangePoint", "noargs"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateDirectoryItem((IFileSystemImage *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_BSTR_NULL, "IFileSystemImage::CreateDirectoryItem", "name NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateDirectoryItem((IFileSystemImage *)obj, bi_empty, (void *)bi_out()); bi_check(hr, BI_BSTR_EMPTY, "IFileSystemImage::CreateDirectoryItem", "name empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateDirectoryItem((IFileSystemImage *)obj, bi_long, (void *)bi_out()); bi_check(hr, BI_BSTR_65536, "IFileSystemImage::CreateDirectoryItem", "name 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateDirectoryItem((IFileSystemImage *)obj, bi_name, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::CreateDirectoryItem", "NULL newItem"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateFileItem((IFileSystemImage *)obj, NULL, (void *)bi_out()); bi_check(hr, BI_BSTR_NULL, "IFileSystemImage::CreateFileItem", "name NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateFileItem((IFileSystemImage *)obj, bi_empty, (void *)bi_out()); bi_check(hr, BI_BSTR_EMPTY, "IFileSystemImage::CreateFileItem", "name empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateFileItem((IFileSystemImage *)obj, bi_long, (void *)bi_out()); bi_check(hr, BI_BSTR_65536, "IFileSystemImage::CreateFileItem", "name 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_CreateFileItem((IFileSystemImage *)obj, bi_name, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::CreateFileItem", "NULL newItem"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_VolumeNameUDF((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_VolumeNameUDF", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_VolumeNameJoliet((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_VolumeNameJoliet", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_VolumeNameISO9660((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_VolumeNameISO9660", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_StageFiles((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_StageFiles", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_StageFiles((IFileSystemImage *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IFileSystemImage::put_StageFiles", "newVal 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_get_MultisessionInterfaces((IFileSystemImage *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage::get_MultisessionInterfaces", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage))) { hr = IFileSystemImage_put_MultisessionInterfaces((IFileSystemImage *)obj, NULL); bi_check(hr, BI_INPTR, "IFileSystemImage::put_MultisessionInterfaces", "NULL newVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage2))) { hr = IFileSystemImage2_get_BootImageOptionsArray((IFileSystemImage2 *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage2::get_BootImageOptionsArray", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage2))) { hr = IFileSystemImage2_put_BootImageOptionsArray((IFileSystemImage2 *)obj, NULL); bi_check(hr, BI_INPTR, "IFileSystemImage2::put_BootImageOptionsArray", "NULL newVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage3))) { hr = IFileSystemImage3_get_CreateRedundantUdfMetadataFiles((IFileSystemImage3 *)obj, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage3::get_CreateRedundantUdfMetadataFiles", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage3))) { hr = IFileSystemImage3_put_CreateRedundantUdfMetadataFiles((IFileSystemImage3 *)obj, (VARIANT_BOOL)0x1234); bi_check(hr, BI_NUMBER, "IFileSystemImage3::put_CreateRedundantUdfMetadataFiles", "newVal 0x1234"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage3))) { hr = IFileSystemImage3_ProbeSpecificFileSystem((IFileSystemImage3 *)obj, (FsiFileSystems)0x7fffffff, (void *)bi_out()); bi_check(hr, BI_ENUM, "IFileSystemImage3::ProbeSpecificFileSystem", "fileSystemToProbe 0x7fffffff"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage3))) { hr = IFileSystemImage3_ProbeSpecificFileSystem((IFileSystemImage3 *)obj, (FsiFileSystems)-1, (void *)bi_out()); bi_check(hr, BI_ENUM, "IFileSystemImage3::ProbeSpecificFileSystem", "fileSystemToProbe -1"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage3))) { hr = IFileSystemImage3_ProbeSpecificFileSystem((IFileSystemImage3 *)obj, 0, NULL); bi_check(hr, BI_POINTER, "IFileSystemImage3::ProbeSpecificFileSystem", "NULL isAppendable"); bi_release(obj); }
}

static void bad_MsftIsoImageManager(void)
{
    void *obj;
    HRESULT hr;
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_get_Path((IIsoImageManager *)obj, NULL); bi_check(hr, BI_POINTER, "IIsoImageManager::get_Path", "NULL pVal"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_get_Stream((IIsoImageManager *)obj, NULL); bi_check(hr, BI_POINTER, "IIsoImageManager::get_Stream", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_SetPath((IIsoImageManager *)obj, NULL); bi_check(hr, BI_BSTR_NULL, "IIsoImageManager::SetPath", "Val NULL"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_SetPath((IIsoImageManager *)obj, bi_empty); bi_check(hr, BI_BSTR_EMPTY, "IIsoImageManager::SetPath", "Val empty"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_SetPath((IIsoImageManager *)obj, bi_long); bi_check(hr, BI_BSTR_65536, "IIsoImageManager::SetPath", "Val 65536 chars"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_SetStream((IIsoImageManager *)obj, NULL); bi_check(hr, BI_INPTR, "IIsoImageManager::SetStream", "NULL data"); bi_release(obj); }
    if ((obj = bi_new(&CLSID_MsftIsoImageManager, &IID_IIsoImageManager))) { hr = IIsoImageManager_Validate((IIsoImageManager *)obj); bi_check(hr, BI_NONE, "IIsoImageManager::Validate", "noargs"); bi_release(obj); }
}

static void bad_all_classes(void)
{
    bad_MsftDiscMaster2();
    bad_MsftDiscRecorder2();
    bad_MsftWriteEngine2();
    bad_MsftDiscFormat2Erase();
    bad_MsftDiscFormat2Data();
    bad_MsftDiscFormat2TrackAtOnce();
    bad_MsftDiscFormat2RawCD();
    bad_MsftStreamZero();
    bad_MsftStreamPrng001();
    bad_MsftStreamConcatenate();
    bad_MsftStreamInterleave();
    bad_MsftRawCDImageCreator();
    bad_BootOptions();
    bad_MsftFileSystemImage();
    bad_MsftIsoImageManager();
}

/* ---- IStream of the four stream classes (documented IStream answers) ---- */

static void bad_stream(const CLSID *clsid, const char *name)
{
    static const struct { const char *label; enum bi_kind kind; } labels[] = { { 0 } };
    IStream *s;
    LARGE_INTEGER move;
    ULARGE_INTEGER size;
    ULONG got;
    HRESULT hr;
    char member[64];

    (void)labels;
    snprintf(member, sizeof(member), "%s IStream", name);
    if (!(s = bi_new(clsid, &IID_IStream))) return;
    hr = IStream_Read(s, NULL, 16, &got);
    bi_check(hr, BI_INPTR, member, "Read(NULL buffer)");
    hr = IStream_Write(s, NULL, 16, &got);
    bi_check(hr, BI_INPTR, member, "Write(NULL buffer)");
    move.QuadPart = 0;
    hr = IStream_Seek(s, move, 7, NULL);
    bi_check(hr, BI_ENUM, member, "Seek(origin 7)");
    move.QuadPart = -5;
    hr = IStream_Seek(s, move, STREAM_SEEK_SET, NULL);
    bi_check(hr, BI_NUMBER, member, "Seek(-5 from the start)");
    size.QuadPart = ~(ULONGLONG)0;
    hr = IStream_SetSize(s, size);
    bi_check(hr, BI_NUMBER, member, "SetSize(2^64 - 1)");
    hr = IStream_CopyTo(s, NULL, size, NULL, NULL);
    bi_check(hr, BI_INPTR, member, "CopyTo(NULL)");
    hr = IStream_Stat(s, NULL, STATFLAG_NONAME);
    bi_check(hr, BI_INPTR, member, "Stat(NULL)");
    hr = IStream_Stat(s, bi_out(), 0x7fff);
    bi_check(hr, BI_NUMBER, member, "Stat(flag 0x7fff)");
    hr = IStream_Clone(s, NULL);
    bi_check(hr, BI_INPTR, member, "Clone(NULL)");
    hr = IStream_Commit(s, 0xffffffff);
    bi_check(hr, BI_NUMBER, member, "Commit(all flags)");
    hr = IStream_Revert(s);
    bi_check(hr, BI_NONE, member, "Revert");
    hr = IStream_LockRegion(s, size, size, 0xff);
    bi_check(hr, BI_NUMBER, member, "LockRegion(bad type)");
    hr = IStream_UnlockRegion(s, size, size, 0xff);
    bi_check(hr, BI_NUMBER, member, "UnlockRegion(bad type)");
    IStream_Release(s);
}

/* ---- objects used after their parents were released ---- */

static void bad_after_release(void)
{
    IFileSystemImage *image;
    IFsiDirectoryItem *root = NULL;
    IFileSystemImageResult *result = NULL;
    IProgressItems *items = NULL;
    IEnumFsiItems *fsenum = NULL;
    IEnumVARIANT *venum = NULL;
    IDiscMaster2 *master;
    IDiscRecorder2 *rec;
    IDiscRecorder2Ex *ex = NULL;
    IWriteEngine2 *engine;
    IStream *stream = NULL;
    VARIANT v;
    BSTR s = NULL;
    LONG n;
    ULONG got;
    HRESULT hr;
    BYTE buf[2048];

    /* the root and the result outlive the image */
    if ((image = bi_new(&CLSID_MsftFileSystemImage, &IID_IFileSystemImage)))
    {
        IFileSystemImage_get_Root(image, &root);
        if (root) IFsiDirectoryItem_AddDirectory(root, bi_name);
        IFileSystemImage_CreateResultImage(image, &result);
        IFileSystemImage_Release(image);
    }
    if (root)
    {
        hr = IFsiDirectoryItem_get_Name(root, &s);
        bi_check(hr, BI_AFTER, "root after the image", "get_Name");
        SysFreeString(s); s = NULL;
        hr = IFsiDirectoryItem_get_FullPath(root, &s);
        bi_check(hr, BI_AFTER, "root after the image", "get_FullPath");
        SysFreeString(s); s = NULL;
        hr = IFsiDirectoryItem_AddDirectory(root, bi_long);
        bi_check(hr, BI_AFTER, "root after the image", "AddDirectory(65536 chars)");
        hr = IFsiDirectoryItem_get_Count(root, &n);
        bi_check(hr, BI_AFTER, "root after the image", "get_Count");
        hr = IFsiDirectoryItem_get_EnumFsiItems(root, &fsenum);
        bi_check(hr, BI_AFTER, "root after the image", "get_EnumFsiItems");
        IFsiDirectoryItem_Release(root);
    }
    if (fsenum)
    {
        IFsiItem *item = NULL;
        hr = IEnumFsiItems_Next(fsenum, 1, &item, &got);
        bi_check(hr, BI_AFTER, "item enumerator after its directory", "Next");
        if (item) IFsiItem_Release(item);
        IEnumFsiItems_Release(fsenum);
    }
    if (result)
    {
        IFileSystemImageResult_get_ProgressItems(result, &items);
        hr = IFileSystemImageResult_get_ImageStream(result, &stream);
        bi_check(hr, BI_AFTER, "result after the image", "get_ImageStream");
        IFileSystemImageResult_Release(result);
    }
    if (stream)
    {
        hr = IStream_Read(stream, buf, sizeof(buf), &got);
        bi_check(hr, BI_AFTER, "image stream after its result", "Read");
        IStream_Release(stream);
    }
    if (items)
    {
        IProgressItem *item = NULL;
        hr = IProgressItems_get_Count(items, &n);
        bi_check(hr, BI_AFTER, "progress items after their result", "get_Count");
        hr = IProgressItems_ProgressItemFromBlock(items, 0x7fffffff, &item);
        bi_check(hr, BI_AFTER, "progress items after their result", "ProgressItemFromBlock(0x7fffffff)");
        if (item) IProgressItem_Release(item);
        IProgressItems_Release(items);
    }

    /* the drive list outlives the master */
    if ((master = bi_new(&CLSID_MsftDiscMaster2, &IID_IDiscMaster2)))
    {
        IDiscMaster2_get__NewEnum(master, &venum);
        IDiscMaster2_Release(master);
    }
    if (venum)
    {
        VariantInit(&v);
        hr = IEnumVARIANT_Next(venum, 1, &v, NULL);
        bi_check(hr, BI_AFTER, "drive enumerator after the master", "Next");
        VariantClear(&v);
        IEnumVARIANT_Release(venum);
    }

    /* IDiscRecorder2Ex kept after IDiscRecorder2 went; the engine keeps its recorder */
    if ((rec = bi_new(&CLSID_MsftDiscRecorder2, &IID_IDiscRecorder2)))
    {
        IDiscRecorder2_QueryInterface(rec, &IID_IDiscRecorder2Ex, (void **)&ex);
        IDiscRecorder2_Release(rec);
    }
    if (ex && (engine = bi_new(&CLSID_MsftWriteEngine2, &IID_IWriteEngine2)))
    {
        ULONG mask = 0;
        hr = IDiscRecorder2Ex_GetByteAlignmentMask(ex, &mask);
        bi_check(hr, BI_AFTER, "IDiscRecorder2Ex after IDiscRecorder2", "GetByteAlignmentMask");
        IWriteEngine2_put_Recorder(engine, ex);
        IWriteEngine2_put_BytesPerSector(engine, 2048);
        IDiscRecorder2Ex_Release(ex);
        ex = NULL;
        if (CreateStreamOnHGlobal(NULL, TRUE, &stream) == S_OK)
        {
            hr = IWriteEngine2_WriteSection(engine, stream, 0, 1);
            bi_check(hr, BI_AFTER, "write engine after its recorder's release", "WriteSection");
            IStream_Release(stream);
        }
        IWriteEngine2_Release(engine);
    }
    if (ex) IDiscRecorder2Ex_Release(ex);
}

START_TEST(badinput)
{
    WCHAR *longs;
    DWORD start = GetTickCount();
    unsigned i;

    CoInitialize(NULL);
    bi_name = SysAllocString(L"badinput");
    bi_empty = SysAllocString(L"");
    longs = malloc(65536 * sizeof(WCHAR));
    for (i = 0; i < 65536; i++) longs[i] = 'a' + i % 26;
    bi_long = SysAllocStringLen(longs, 65536);
    free(longs);
    V_VT(&bi_vempty) = VT_EMPTY;
    V_VT(&bi_vwrong) = VT_UNKNOWN;
    V_UNKNOWN(&bi_vwrong) = NULL;

    bad_all_classes();
    bad_stream(&CLSID_MsftStreamZero, "MsftStreamZero");
    bad_stream(&CLSID_MsftStreamPrng001, "MsftStreamPrng001");
    bad_stream(&CLSID_MsftStreamConcatenate, "MsftStreamConcatenate");
    bad_stream(&CLSID_MsftStreamInterleave, "MsftStreamInterleave");
    bad_after_release();
    for (i = 0; i < ARRAYSIZE(documented); i++)
        ok(documented_used[i], "no call matched the documented answer of %s(%s)\n", documented[i].member, documented[i].label);

    /* Reaching this line is the proof for the last two figures: a crash ends the
     * program before its summary, a hang ends it at the runner's timeout. */
    trace("bad input: %u calls on 15 classes, %u with a documented answer (%u given as documented), "
          "%u marked todo (%u answered E_NOTIMPL), crashes 0, hangs 0, %lu ms\n", bi_calls, bi_documented,
          bi_documented_met, bi_todo, bi_stubs, GetTickCount() - start);
    SysFreeString(bi_name);
    SysFreeString(bi_empty);
    SysFreeString(bi_long);
    CoUninitialize();
}
