/* MsftDiscFormat2Data: writes a data stream (usually a file-system image) to a disc.
 * The IDiscFormat2 members, Recorder and ClientName are the shared base's
 * (format_common.c); the media facts and the burn recipe are the core's
 * (core/mmc/mmc_media.h, mmc_burn.h). This file copies answers out, fires the
 * DDiscFormat2DataEvents and holds the options.
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/format_data.c):
 *  - the media properties (CurrentMediaStatus, WriteProtectStatus, Total/FreeSectorsOnMedia,
 *    NextWritableAddress, the previous-session addresses, speeds) without a recorder:
 *    E_IMAPI_RECORDER_REQUIRED; without a disc: E_IMAPI_RECORDER_MEDIA_NO_MEDIA (RECERR);
 *  - NextWritableAddress where the drive has none (a closed disc): the listed
 *    E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
 *  - Write without a ClientName: E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID (the name is the
 *    exclusive-access owner the write needs); a stream whose IStream::Stat fails:
 *    E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED, as one that is not a multiple of 2048 bytes;
 *  - Write takes exclusive access under ClientName for the whole write and gives it back
 *    (as Windows does); a drive another client holds answers what AcquireExclusiveAccess
 *    answers (E_ACCESSDENIED), nothing written;
 *  - the stream is written from its start (seeked to 0), whatever its position;
 *  - SetWriteSpeed(0) and values below -1: E_INVALIDARG;
 *  - CurrentWriteSpeed / CurrentRotationTypeIsPureCAV before any SetWriteSpeed: the
 *    fastest descriptor for the current medium (what a drive uses unless told otherwise);
 *  - SupportedWriteSpeeds: sectors per second, CD speeds in 2352-byte sectors (75 = 1x),
 *    DVD and BD in 2048-byte blocks (kB/s * 1000 / 2048), highest first, duplicates dropped;
 *  - IBurnVerification: default level QUICK (commonly reported for Windows 7; the spec
 *    says [undoc]); a level outside NONE..FULL: E_INVALIDARG; put during a write:
 *    E_IMAPI_DF2DATA_WRITE_IN_PROGRESS. */

#include "format_common.h"
#include "format_speed.h"
#include "format_objects.h"
#include "mmc/mmc_burn.h"
#include "io/core_io.h"
#include "write_ahead.h"

static const struct format_codes format_data_codes =
{
    .recorder_not_supported = E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED,
    .write_in_progress = E_IMAPI_DF2DATA_WRITE_IN_PROGRESS,
    .client_name_invalid = E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID,
};

struct format_data
{
    struct imapi_object obj;
    IDiscFormat2Data IDiscFormat2Data_iface;
    IBurnVerification IBurnVerification_iface;
    struct format_base base;
    BOOL buffer_underrun_free_disabled;
    BOOL postgap_already_in_image;
    BOOL force_media_to_be_closed;
    BOOL disable_consumer_dvd_compatibility_mode;
    BOOL force_overwrite;
    IMAPI_BURN_VERIFICATION_LEVEL verification;
    struct format_speed speed;         /* SetWriteSpeed, Requested / Current speeds */
    volatile LONG cancel;
};

IMAPI_IUNKNOWN_METHODS(format_data, IDiscFormat2Data, struct format_data, IDiscFormat2Data_iface)
IMAPI_IDISPATCH_METHODS(format_data, IDiscFormat2Data, IID_IDiscFormat2Data)
FORMAT_IDISCFORMAT2_METHODS(format_data, IDiscFormat2Data, struct format_data, base)

static HRESULT put_option(struct format_data *format, BOOL *slot, VARIANT_BOOL value)
{
    if (format->base.writing) return E_IMAPI_DF2DATA_WRITE_IN_PROGRESS;
    *slot = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_put_BufferUnderrunFreeDisabled(IDiscFormat2Data *iface, VARIANT_BOOL value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %d\n", iface, value);
    return put_option(format, &format->buffer_underrun_free_disabled, value);
}

static HRESULT WINAPI format_data_get_BufferUnderrunFreeDisabled(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->buffer_underrun_free_disabled, value);
}

static HRESULT WINAPI format_data_put_PostgapAlreadyInImage(IDiscFormat2Data *iface, VARIANT_BOOL value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %d\n", iface, value);
    return put_option(format, &format->postgap_already_in_image, value);
}

static HRESULT WINAPI format_data_get_PostgapAlreadyInImage(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->postgap_already_in_image, value);
}

/* The media facts for a property: E_IMAPI_RECORDER_REQUIRED without a recorder,
 * E_IMAPI_RECORDER_MEDIA_NO_MEDIA without a disc. */
static HRESULT media_facts(struct format_data *format, mmc_media_facts *facts)
{
    HRESULT hr;
    if (FAILED(hr = format_facts(&format->base, facts))) return hr;
    return facts->present ? S_OK : E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
}

static HRESULT WINAPI format_data_get_CurrentMediaStatus(IDiscFormat2Data *iface, IMAPI_FORMAT2_DATA_MEDIA_STATE *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = IMAPI_FORMAT2_DATA_MEDIA_STATE_UNKNOWN;
    if (FAILED(hr = media_facts(format_data_impl(iface), &facts))) return hr;
    *value = (IMAPI_FORMAT2_DATA_MEDIA_STATE)mmc_media_data_state(&facts);
    return S_OK;
}

static HRESULT WINAPI format_data_get_WriteProtectStatus(IDiscFormat2Data *iface, IMAPI_MEDIA_WRITE_PROTECT_STATE *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (FAILED(hr = media_facts(format_data_impl(iface), &facts))) return hr;
    *value = (IMAPI_MEDIA_WRITE_PROTECT_STATE)facts.write_protect;
    return S_OK;
}

enum data_field { DF_TOTAL, DF_FREE, DF_NWA, DF_PREV_START, DF_PREV_LAST };

static HRESULT data_field(struct format_data *format, enum data_field field, LONG *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = 0;
    if (FAILED(hr = media_facts(format, &facts))) return hr;
    switch (field)
    {
    case DF_TOTAL: *value = (LONG)facts.total_blocks; break;
    case DF_FREE: *value = mmc_media_data_free_sectors(&facts, format->postgap_already_in_image); break;
    case DF_NWA:
        if (!facts.nwa_valid) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
        *value = facts.next_writable;
        break;
    case DF_PREV_START: *value = facts.prev_session_start; break;
    case DF_PREV_LAST: *value = facts.prev_session_last; break;
    }
    return S_OK;
}

static HRESULT WINAPI format_data_get_TotalSectorsOnMedia(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return data_field(format_data_impl(iface), DF_TOTAL, value);
}

static HRESULT WINAPI format_data_get_FreeSectorsOnMedia(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return data_field(format_data_impl(iface), DF_FREE, value);
}

static HRESULT WINAPI format_data_get_NextWritableAddress(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return data_field(format_data_impl(iface), DF_NWA, value);
}

static HRESULT WINAPI format_data_get_StartAddressOfPreviousSession(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return data_field(format_data_impl(iface), DF_PREV_START, value);
}

static HRESULT WINAPI format_data_get_LastWrittenAddressOfPreviousSession(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return data_field(format_data_impl(iface), DF_PREV_LAST, value);
}

static HRESULT WINAPI format_data_put_ForceMediaToBeClosed(IDiscFormat2Data *iface, VARIANT_BOOL value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %d\n", iface, value);
    return put_option(format, &format->force_media_to_be_closed, value);
}

static HRESULT WINAPI format_data_get_ForceMediaToBeClosed(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->force_media_to_be_closed, value);
}

static HRESULT WINAPI format_data_put_DisableConsumerDvdCompatibilityMode(IDiscFormat2Data *iface, VARIANT_BOOL value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %d\n", iface, value);
    return put_option(format, &format->disable_consumer_dvd_compatibility_mode, value);
}

static HRESULT WINAPI format_data_get_DisableConsumerDvdCompatibilityMode(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->disable_consumer_dvd_compatibility_mode, value);
}

static HRESULT WINAPI format_data_get_CurrentPhysicalMediaType(IDiscFormat2Data *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("%p %p\n", iface, value);
    return format_current_media_type(&format_data_impl(iface)->base, value);
}

/* ---- speeds (format_speed.c, shared with TrackAtOnce and RawCD) ---- */

static HRESULT WINAPI format_data_get_RequestedWriteSpeed(IDiscFormat2Data *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_long(format_data_impl(iface)->speed.requested, value);
}

static HRESULT WINAPI format_data_get_RequestedRotationTypeIsPureCAV(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->speed.requested_cav, value);
}

static HRESULT WINAPI format_data_get_CurrentWriteSpeed(IDiscFormat2Data *iface, LONG *value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %p\n", iface, value);
    return format_speed_current(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_data_get_CurrentRotationTypeIsPureCAV(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %p\n", iface, value);
    return format_speed_current_cav(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_data_get_SupportedWriteSpeeds(IDiscFormat2Data *iface, SAFEARRAY **value)
{
    TRACE("%p %p\n", iface, value);
    return format_speed_supported(&format_data_impl(iface)->base, value);
}

static HRESULT WINAPI format_data_get_SupportedWriteSpeedDescriptors(IDiscFormat2Data *iface, SAFEARRAY **value)
{
    TRACE("%p %p\n", iface, value);
    return format_speed_descriptors(&format_data_impl(iface)->base, value);
}

static HRESULT WINAPI format_data_SetWriteSpeed(IDiscFormat2Data *iface, LONG speed, VARIANT_BOOL pure_cav)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %ld %d\n", iface, speed, pure_cav);
    return format_speed_set(&format->base, &format->speed, speed, pure_cav);
}

static HRESULT WINAPI format_data_put_ForceOverwrite(IDiscFormat2Data *iface, VARIANT_BOOL value)
{
    struct format_data *format = format_data_impl(iface);
    TRACE("%p %d\n", iface, value);
    return put_option(format, &format->force_overwrite, value);
}

static HRESULT WINAPI format_data_get_ForceOverwrite(IDiscFormat2Data *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return format_get_flag(format_data_impl(iface)->force_overwrite, value);
}

/* Always one element (documented: the array is never empty, also on blank media):
 * IMultisessionRandomWrite for overwritable media, IMultisessionSequential2 otherwise
 * (sequential media, and [undoc] no disc or a medium nothing can append to; its
 * IsSupportedOnCurrentMediaState then says FALSE). */
static HRESULT WINAPI format_data_get_MultisessionInterfaces(IDiscFormat2Data *iface, SAFEARRAY **value)
{
    struct format_data *format = format_data_impl(iface);
    mmc_media_facts facts;
    IDispatch *ms;
    HRESULT hr;

    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = format_facts(&format->base, &facts))) return hr;
    if (FAILED(hr = multisession_create(format->base.recorder,
                                        facts.present && facts.write_class == MMC_CLASS_OVERWRITE, &ms)))
        return hr;
    hr = imapi_safearray_from_dispatch(&ms, 1, value);
    IDispatch_Release(ms);
    return hr;
}

/* ---- Write ---- */

static uint64_t tick_now(void *ctx)
{
    return GetTickCount64();
}

static void tick_sleep(void *ctx, unsigned ms)
{
    Sleep(ms);
}

/* DDiscFormat2DataEvents::Update(object, IDiscFormat2DataEventArgs); CancelWrite from
 * the handler stops the burn. */
static int on_progress(void *ctx, const mmc_burn_progress *p)
{
    struct format_data *format = ctx;
    IDispatch *args;
    VARIANT v[2];

    TRACE("action %d lba %d..%d\n", p->action, p->last_read_lba, p->last_written_lba);
    if (!imapi_cpc_sink_count(format->obj.cpc, &IID_DDiscFormat2DataEvents)) return format->cancel;
    if (FAILED(format_data_args_create(p, &args))) return format->cancel;
    V_VT(&v[0]) = VT_DISPATCH;
    V_DISPATCH(&v[0]) = (IDispatch *)&format->IDiscFormat2Data_iface;
    V_VT(&v[1]) = VT_DISPATCH;
    V_DISPATCH(&v[1]) = args;
    imapi_cpc_fire(format->obj.cpc, &IID_DDiscFormat2DataEvents, DISPID_DDISCFORMAT2DATAEVENTS_UPDATE, v, 2);
    IDispatch_Release(args);
    return format->cancel;
}

/* The ranges of a stream that offers IBlockRangeList (only overwrite media use them). */
static HRESULT stream_ranges(IStream *data, mmc_block_range **out, size_t *count)
{
    IBlockRangeList *list;
    SAFEARRAY *sa = NULL;
    VARIANT *items;
    LONG lower, upper, i;
    HRESULT hr;

    *out = NULL;
    *count = 0;
    if (FAILED(IStream_QueryInterface(data, &IID_IBlockRangeList, (void **)&list))) return S_OK;
    hr = IBlockRangeList_get_BlockRanges(list, &sa);
    IBlockRangeList_Release(list);
    if (FAILED(hr)) return hr;
    if (!sa) return E_INVALIDARG;
    SafeArrayGetLBound(sa, 1, &lower);
    SafeArrayGetUBound(sa, 1, &upper);
    if (upper >= lower && !(*out = calloc(upper - lower + 1, sizeof(**out)))) hr = E_OUTOFMEMORY;
    else if (SUCCEEDED(hr = SafeArrayAccessData(sa, (void **)&items)))
    {
        for (i = 0; SUCCEEDED(hr) && i <= upper - lower; i++)
        {
            IBlockRange *range = NULL;
            LONG start = 0, end = 0;
            if (V_VT(&items[i]) != VT_DISPATCH && V_VT(&items[i]) != VT_UNKNOWN) hr = E_INVALIDARG;
            else if (!V_UNKNOWN(&items[i])) hr = E_INVALIDARG;
            else if (SUCCEEDED(hr = IUnknown_QueryInterface(V_UNKNOWN(&items[i]), &IID_IBlockRange, (void **)&range)))
            {
                if (SUCCEEDED(hr = IBlockRange_get_StartLba(range, &start))) hr = IBlockRange_get_EndLba(range, &end);
                IBlockRange_Release(range);
                (*out)[i].start = start;
                (*out)[i].end = end;
            }
        }
        SafeArrayUnaccessData(sa);
        if (SUCCEEDED(hr)) *count = (size_t)(upper - lower + 1);
    }
    SafeArrayDestroy(sa);
    if (FAILED(hr))
    {
        free(*out);
        *out = NULL;
    }
    return hr;
}

/* Largest transfer we stage at once; the recorder may allow less. */
#define MAX_STAGING (1024 * 1024)
#define UPDATE_INTERVAL_MS 500

static HRESULT WINAPI format_data_Write(IDiscFormat2Data *iface, IStream *data)
{
    struct format_data *format = format_data_impl(iface);
    struct format_drive drive;
    mmc_block_range *ranges = NULL;
    size_t range_count = 0;
    struct write_ahead ahead;
    ULONG max_transfer = 0;
    core_stream *source;
    LARGE_INTEGER zero;
    mmc_burn_job job;
    STATSTG stat;
    HRESULT hr;

    TRACE("%p %p\n", iface, data);
    if (!data) return E_POINTER;
    if (InterlockedCompareExchange(&format->base.writing, 1, 0)) return E_IMAPI_DF2DATA_WRITE_IN_PROGRESS;
    IDiscFormat2Data_AddRef(iface);
    memset(&job, 0, sizeof(job));
    memset(&drive, 0, sizeof(drive));
    memset(&ahead, 0, sizeof(ahead));
    if (!format->base.recorder) { hr = E_IMAPI_RECORDER_REQUIRED; goto done; }
    if (!format->base.client_name) { hr = E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID; goto done; }
    memset(&stat, 0, sizeof(stat));
    if (FAILED(IStream_Stat(data, &stat, STATFLAG_NONAME)) || stat.cbSize.QuadPart % 2048)
    {
        hr = E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED;
        goto done;
    }
    if (FAILED(hr = stream_ranges(data, &ranges, &range_count))) goto done;
    zero.QuadPart = 0;
    IStream_Seek(data, zero, STREAM_SEEK_SET, NULL);

    if (FAILED(hr = IDiscRecorder2_AcquireExclusiveAccess(format->base.recorder, VARIANT_FALSE,
                                                          format->base.client_name)))
        goto done;
    if (SUCCEEDED(hr = format_drive_open(format->base.recorder, &drive)))
    {
        if (FAILED(IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(drive.ex, &max_transfer)) || !max_transfer)
            max_transfer = 64 * 1024;
        if (max_transfer > MAX_STAGING) max_transfer = MAX_STAGING;
        job.buffer_size = max_transfer - max_transfer % 2048;
        /* the stream is read here, on the caller's thread, while the drive thread sends
         * the WRITEs (write_ahead.h); the recipe's own reads use the first buffer */
        if (!job.buffer_size) hr = E_OUTOFMEMORY;
        else if (SUCCEEDED(hr = write_ahead_start(&ahead, job.buffer_size)))
        {
            job.ahead = &ahead.ahead;
            job.buffer = ahead.ahead.buffers[0];
        }
    }
    if (SUCCEEDED(hr))
    {
        IStream_AddRef(data);
        if (FAILED(hr = imapi_core_stream_from_istream(data, NULL, &source))) IStream_Release(data);
    }
    if (SUCCEEDED(hr))
    {
        job.dev = &drive.dev;
        job.source = source;
        job.source_bytes = stat.cbSize.QuadPart;
        job.opt.force_close = format->force_media_to_be_closed;
        job.opt.disable_dvd_compat = format->disable_consumer_dvd_compatibility_mode;
        job.opt.force_overwrite = format->force_overwrite;
        job.opt.bufe_disabled = format->buffer_underrun_free_disabled;
        job.opt.postgap_in_image = format->postgap_already_in_image;
        job.opt.speed = format->speed.requested;
        job.opt.pure_cav = format->speed.requested_cav;
        job.opt.verify = (enum mmc_verify_level)format->verification;
        job.opt.ranges = ranges;
        job.opt.range_count = range_count;
        job.progress = on_progress;
        job.ctx = format;
        job.interval_ms = UPDATE_INTERVAL_MS;
        job.now_ms = tick_now;
        job.sleep_ms = tick_sleep;
        format->cancel = 0;
        hr = format_drive_result(&drive, mmc_burn_data(&job));
        source->ops->close(source);
    }
    write_ahead_stop(&ahead);
    format_drive_close(&drive);
    IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
done:
    free(ranges);
    format->cancel = 0;
    InterlockedExchange(&format->base.writing, 0);
    TRACE("returning %08lx\n", (unsigned long)hr);
    IDiscFormat2Data_Release(iface);
    return hr;
}

static HRESULT WINAPI format_data_CancelWrite(IDiscFormat2Data *iface)
{
    struct format_data *format = format_data_impl(iface);

    TRACE("%p\n", iface);
    if (!format->base.writing) return E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS;
    InterlockedExchange(&format->cancel, 1);
    return S_OK;
}

static const IDiscFormat2DataVtbl format_data_vtbl =
{
    format_data_QueryInterface, format_data_AddRef, format_data_Release, format_data_GetTypeInfoCount,
    format_data_GetTypeInfo, format_data_GetIDsOfNames, format_data_Invoke, format_data_IsRecorderSupported,
    format_data_IsCurrentMediaSupported, format_data_get_MediaPhysicallyBlank,
    format_data_get_MediaHeuristicallyBlank, format_data_get_SupportedMediaTypes, format_data_put_Recorder,
    format_data_get_Recorder, format_data_put_BufferUnderrunFreeDisabled,
    format_data_get_BufferUnderrunFreeDisabled, format_data_put_PostgapAlreadyInImage,
    format_data_get_PostgapAlreadyInImage, format_data_get_CurrentMediaStatus,
    format_data_get_WriteProtectStatus, format_data_get_TotalSectorsOnMedia,
    format_data_get_FreeSectorsOnMedia, format_data_get_NextWritableAddress,
    format_data_get_StartAddressOfPreviousSession, format_data_get_LastWrittenAddressOfPreviousSession,
    format_data_put_ForceMediaToBeClosed, format_data_get_ForceMediaToBeClosed,
    format_data_put_DisableConsumerDvdCompatibilityMode, format_data_get_DisableConsumerDvdCompatibilityMode,
    format_data_get_CurrentPhysicalMediaType, format_data_put_ClientName, format_data_get_ClientName,
    format_data_get_RequestedWriteSpeed, format_data_get_RequestedRotationTypeIsPureCAV,
    format_data_get_CurrentWriteSpeed, format_data_get_CurrentRotationTypeIsPureCAV,
    format_data_get_SupportedWriteSpeeds, format_data_get_SupportedWriteSpeedDescriptors,
    format_data_put_ForceOverwrite, format_data_get_ForceOverwrite, format_data_get_MultisessionInterfaces,
    format_data_Write, format_data_CancelWrite, format_data_SetWriteSpeed
};

/* ---- IBurnVerification ---- */

IMAPI_IUNKNOWN_METHODS(format_data_burn_verification, IBurnVerification, struct format_data, IBurnVerification_iface)

static HRESULT WINAPI format_data_burn_verification_put_BurnVerificationLevel(IBurnVerification *iface,
                                                                              IMAPI_BURN_VERIFICATION_LEVEL value)
{
    struct format_data *format = format_data_burn_verification_impl(iface);

    TRACE("%p %d\n", iface, value);
    if (value < IMAPI_BURN_VERIFICATION_NONE || value > IMAPI_BURN_VERIFICATION_FULL) return E_INVALIDARG;
    if (format->base.writing) return E_IMAPI_DF2DATA_WRITE_IN_PROGRESS;
    format->verification = value;
    return S_OK;
}

static HRESULT WINAPI format_data_burn_verification_get_BurnVerificationLevel(IBurnVerification *iface,
                                                                              IMAPI_BURN_VERIFICATION_LEVEL *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = format_data_burn_verification_impl(iface)->verification;
    return S_OK;
}

static const IBurnVerificationVtbl format_data_burn_verification_vtbl =
{
    format_data_burn_verification_QueryInterface, format_data_burn_verification_AddRef,
    format_data_burn_verification_Release, format_data_burn_verification_put_BurnVerificationLevel,
    format_data_burn_verification_get_BurnVerificationLevel
};

static const struct imapi_iface_entry format_data_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2Data, struct format_data, IDiscFormat2Data_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_data, IDiscFormat2Data_iface),
    IMAPI_IFACE(IID_IBurnVerification, struct format_data, IBurnVerification_iface),
    { NULL }
};

static void format_data_destroy(struct imapi_object *obj)
{
    struct format_data *format = CONTAINING_RECORD(obj, struct format_data, obj);
    format_base_cleanup(&format->base);
    free(format);
}

C_ASSERT((int)MMC_VERIFY_FULL == (int)IMAPI_BURN_VERIFICATION_FULL && (int)MMC_VERIFY_QUICK == (int)IMAPI_BURN_VERIFICATION_QUICK);

HRESULT format_data_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2DataEvents };
    struct format_data *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2Data_iface.lpVtbl = &format_data_vtbl;
    format->IBurnVerification_iface.lpVtbl = &format_data_burn_verification_vtbl;
    format_base_init(&format->base, MMC_FORMAT_DATA, &format_data_codes);
    format->verification = IMAPI_BURN_VERIFICATION_QUICK;
    format_speed_init(&format->speed);
    imapi_object_init(&format->obj, format_data_ifaces, TRUE, format_data_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
