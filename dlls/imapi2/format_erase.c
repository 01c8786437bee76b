/* MsftDiscFormat2Erase: blanks CD-RW and DVD-RW (spec 2.8). The recipe and its HRESULTs
 * are the core's (core/mmc/mmc_erase.h); this file checks the arguments, holds the
 * recorder for the erase and turns the core's progress into
 * DDiscFormat2EraseEvents::Update(object, elapsedSeconds, estimatedTotalSeconds), fired on
 * the calling thread every 0.5 s while the drive reports progress [doc: "every 0.5 s or
 * 1 s"], once as the BLANK is accepted and once at the end (elapsed == estimated).
 *
 * Decisions where the docs are silent ([undoc], tested in winetest/format_erase.c):
 *  - EraseMedia without a recorder: E_IMAPI_RECORDER_REQUIRED; without a ClientName:
 *    E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID (as IDiscFormat2Data::Write);
 *  - EraseMedia, put_Recorder or put_ClientName during an erase (from the Update
 *    handler): E_IMAPI_ERASE_RECORDER_IN_USE [doc for put_Recorder];
 *  - put_Recorder of another drive while one is set: E_IMAPI_ERASE_ONLY_ONE_RECORDER_SUPPORTED
 *    [doc]; put_Recorder(NULL) clears it (the docs' "clear the current recorder");
 *    the same drive again (any recorder object on it) is taken;
 *  - the erase holds the recorder's exclusive access under ClientName; a drive another
 *    client holds answers what AcquireExclusiveAccess answers, nothing erased. */

#include "format_common.h"
#include "mmc/mmc_erase.h"

static const struct format_codes format_erase_codes =
{
    .recorder_not_supported = E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED,
    .write_in_progress = E_IMAPI_ERASE_RECORDER_IN_USE,
    .client_name_invalid = E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID,
    .only_one_recorder = E_IMAPI_ERASE_ONLY_ONE_RECORDER_SUPPORTED,
};

#define UPDATE_INTERVAL_MS 500

struct format_erase
{
    struct imapi_object obj;
    IDiscFormat2Erase IDiscFormat2Erase_iface;
    struct format_base base;
    BOOL full_erase;
};

IMAPI_IUNKNOWN_METHODS(format_erase, IDiscFormat2Erase, struct format_erase, IDiscFormat2Erase_iface)
IMAPI_IDISPATCH_METHODS(format_erase, IDiscFormat2Erase, IID_IDiscFormat2Erase)
FORMAT_IDISCFORMAT2_METHODS(format_erase, IDiscFormat2Erase, struct format_erase, base)

static HRESULT WINAPI format_erase_put_FullErase(IDiscFormat2Erase *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    format_erase_impl(iface)->full_erase = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_erase_get_FullErase(IDiscFormat2Erase *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_erase_impl(iface)->full_erase, value);
}

static HRESULT WINAPI format_erase_get_CurrentPhysicalMediaType(IDiscFormat2Erase *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_erase_impl(iface)->base, value);
}

static uint64_t tick_now(void *ctx)
{
    return GetTickCount64();
}

static void tick_sleep(void *ctx, unsigned ms)
{
    Sleep(ms);
}

static void on_progress(void *ctx, uint32_t elapsed_s, uint32_t estimated_s)
{
    struct format_erase *format = ctx;
    VARIANT v[3];

    TRACE("elapsed %u of %u s\n", elapsed_s, estimated_s);
    if (!imapi_cpc_sink_count(format->obj.cpc, &IID_DDiscFormat2EraseEvents)) return;
    V_VT(&v[0]) = VT_DISPATCH;
    V_DISPATCH(&v[0]) = (IDispatch *)&format->IDiscFormat2Erase_iface;
    V_VT(&v[1]) = VT_I4;
    V_I4(&v[1]) = (LONG)elapsed_s;
    V_VT(&v[2]) = VT_I4;
    V_I4(&v[2]) = (LONG)estimated_s;
    imapi_cpc_fire(format->obj.cpc, &IID_DDiscFormat2EraseEvents, DISPID_IDISCFORMAT2ERASEEVENTS_UPDATE, v, 3);
}

static HRESULT WINAPI format_erase_EraseMedia(IDiscFormat2Erase *iface)
{
    struct format_erase *format = format_erase_impl(iface);
    struct format_drive drive;
    mmc_erase_job job;
    HRESULT hr;

    TRACE("(%p)->()\n", iface);
    if (InterlockedCompareExchange(&format->base.writing, 1, 0)) return E_IMAPI_ERASE_RECORDER_IN_USE;
    IDiscFormat2Erase_AddRef(iface);
    memset(&drive, 0, sizeof(drive));
    if (!format->base.recorder) { hr = E_IMAPI_RECORDER_REQUIRED; goto done; }
    if (!format->base.client_name) { hr = E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID; goto done; }
    if (FAILED(hr = IDiscRecorder2_AcquireExclusiveAccess(format->base.recorder, VARIANT_FALSE,
                                                          format->base.client_name)))
        goto done;
    if (SUCCEEDED(hr = format_drive_open(format->base.recorder, &drive)))
    {
        memset(&job, 0, sizeof(job));
        job.full = format->full_erase;
        job.poll_ms = UPDATE_INTERVAL_MS;
        job.now_ms = tick_now;
        job.sleep_ms = tick_sleep;
        job.progress = on_progress;
        job.ctx = format;
        hr = format_drive_result(&drive, mmc_erase(&drive.dev, &job));
    }
    format_drive_close(&drive);
    IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
done:
    InterlockedExchange(&format->base.writing, 0);
    TRACE("returning %08lx\n", (unsigned long)hr);
    IDiscFormat2Erase_Release(iface);
    return hr;
}

static const IDiscFormat2EraseVtbl format_erase_vtbl =
{
    format_erase_QueryInterface, format_erase_AddRef, format_erase_Release, format_erase_GetTypeInfoCount,
    format_erase_GetTypeInfo, format_erase_GetIDsOfNames, format_erase_Invoke,
    format_erase_IsRecorderSupported, format_erase_IsCurrentMediaSupported,
    format_erase_get_MediaPhysicallyBlank, format_erase_get_MediaHeuristicallyBlank,
    format_erase_get_SupportedMediaTypes, format_erase_put_Recorder, format_erase_get_Recorder,
    format_erase_put_FullErase, format_erase_get_FullErase, format_erase_get_CurrentPhysicalMediaType,
    format_erase_put_ClientName, format_erase_get_ClientName, format_erase_EraseMedia
};

static const struct imapi_iface_entry format_erase_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2Erase, struct format_erase, IDiscFormat2Erase_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_erase, IDiscFormat2Erase_iface),
    { NULL }
};

static void format_erase_destroy(struct imapi_object *obj)
{
    struct format_erase *format = CONTAINING_RECORD(obj, struct format_erase, obj);
    format_base_cleanup(&format->base);
    free(format);
}

HRESULT format_erase_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2EraseEvents };
    struct format_erase *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2Erase_iface.lpVtbl = &format_erase_vtbl;
    format_base_init(&format->base, MMC_FORMAT_ERASE, &format_erase_codes);
    imapi_object_init(&format->obj, format_erase_ifaces, TRUE, format_erase_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
