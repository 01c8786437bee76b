/* MsftDiscFormat2RawCD: writes raw disc-at-once images (DAO-96, e.g. from
 * MsftRawCDImageCreator) to a blank CD-R/RW. The IDiscFormat2 members, Recorder and
 * ClientName are the shared base's (format_common.c), the speeds format_speed.c's; the
 * recipe (ATIP limits, page 05h raw, the stream from the medium's lead-in) is the core's
 * (core/mmc/mmc_burn_raw.h). Between PrepareMedia and ReleaseMedia the object holds the
 * drive (exclusive access, the tray locked), as IDiscFormat2TrackAtOnce does.
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/format_raw.c):
 *  - PrepareMedia without a ClientName: E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID; without a
 *    disc: E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
 *  - RequestedSectorType reads its value (default IS_COOKED) whether prepared or not;
 *    put_BufferUnderrunFreeDisabled when not prepared: E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED,
 *    its getter always answers;
 *  - SupportedSectorTypes: the drive's CD Mastering feature (Raw: PQ_ONLY; R-W too:
 *    IS_COOKED and IS_RAW), VARIANT VT_UI4 elements; without a recorder E_POINTER (the
 *    documented quirk);
 *  - WriteMedia2 with a negative lead-in count: E_INVALIDARG; a stream whose Stat fails or
 *    whose size is not whole sectors of the requested type: _STREAM_NOT_SUPPORTED; the
 *    stream is written from its start (seeked to 0);
 *  - a second WriteMedia in the same prepared session: _MEDIA_IS_NOT_BLANK. */

#include "format_common.h"
#include "format_objects.h"
#include "format_speed.h"
#include "mmc/mmc_burn_raw.h"
#include "cd/cd_image.h"

static const struct format_codes format_raw_codes =
{
    .recorder_not_supported = E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED,
    .write_in_progress = E_IMAPI_DF2RAW_WRITE_IN_PROGRESS,
    .client_name_invalid = E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID,
    .media_is_prepared = E_IMAPI_DF2RAW_MEDIA_IS_PREPARED,
};

struct format_raw
{
    struct imapi_object obj;
    IDiscFormat2RawCD IDiscFormat2RawCD_iface;
    struct format_base base;
    struct format_speed speed;
    BOOL bufe_disabled;
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE sector_type;
    volatile LONG cancel;
    struct format_drive drive;
    mmc_raw raw;
};

IMAPI_IUNKNOWN_METHODS(format_raw, IDiscFormat2RawCD, struct format_raw, IDiscFormat2RawCD_iface)
IMAPI_IDISPATCH_METHODS(format_raw, IDiscFormat2RawCD, IID_IDiscFormat2RawCD)
FORMAT_IDISCFORMAT2_METHODS(format_raw, IDiscFormat2RawCD, struct format_raw, base)

static void unprepare(struct format_raw *format)
{
    mmc_dev_prevent_removal(&format->drive.dev, 0);
    format_drive_close(&format->drive);
    memset(&format->drive, 0, sizeof(format->drive));
    IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
    format->base.prepared = FALSE;
    format->raw.prepared = 0;
}

static HRESULT WINAPI format_raw_PrepareMedia(IDiscFormat2RawCD *iface)
{
    struct format_raw *format = format_raw_impl(iface);
    HRESULT hr;

    TRACE("(%p)->()\n", iface);
    if (format->base.writing) return E_IMAPI_DF2RAW_WRITE_IN_PROGRESS;
    if (format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_PREPARED;
    if (!format->base.recorder) return E_IMAPI_DF2RAW_NO_RECORDER_SPECIFIED;
    if (!format->base.client_name) return E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID;
    if (FAILED(hr = IDiscRecorder2_AcquireExclusiveAccess(format->base.recorder, VARIANT_FALSE, format->base.client_name)))
        return hr;
    memset(&format->drive, 0, sizeof(format->drive));
    if (FAILED(hr = format_drive_open(format->base.recorder, &format->drive)))
    {
        IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
        return hr;
    }
    memset(&format->raw, 0, sizeof(format->raw));
    format->raw.dev = &format->drive.dev;
    format->raw.bufe_disabled = format->bufe_disabled;
    format->raw.speed = format->speed.requested;
    format->raw.pure_cav = format->speed.requested_cav;
    format->raw.sector_type = format->sector_type;
    hr = format_drive_result(&format->drive, mmc_raw_prepare(&format->raw));
    format->base.prepared = TRUE;
    if (FAILED(hr))
    {
        unprepare(format);
        TRACE("returning %08lx\n", (unsigned long)hr);
        return hr;
    }
    mmc_dev_prevent_removal(&format->drive.dev, 1);
    if (format->raw.current_speed)
    {
        format->speed.current = (LONG)format->raw.current_speed;
        format->speed.current_cav = format->raw.current_cav != 0;
        format->speed.set = TRUE;
    }
    return hr;
}

static uint64_t tick_now(void *ctx) { return GetTickCount64(); }
static void tick_sleep(void *ctx, unsigned ms) { Sleep(ms); }

static int on_progress(void *ctx, const mmc_raw_progress *p)
{
    struct format_raw *format = ctx;
    IDispatch *args;
    VARIANT v[2];

    TRACE("action %d lba %d\n", p->action, p->p.last_written_lba);
    if (!imapi_cpc_sink_count(format->obj.cpc, &IID_DDiscFormat2RawCDEvents)) return format->cancel;
    if (FAILED(format_raw_args_create(p, &args))) return format->cancel;
    V_VT(&v[0]) = VT_DISPATCH;
    V_DISPATCH(&v[0]) = (IDispatch *)&format->IDiscFormat2RawCD_iface;
    V_VT(&v[1]) = VT_DISPATCH;
    V_DISPATCH(&v[1]) = args;
    imapi_cpc_fire(format->obj.cpc, &IID_DDiscFormat2RawCDEvents, DISPID_DDISCFORMAT2RAWCDEVENTS_UPDATE, v, 2);
    IDispatch_Release(args);
    return format->cancel;
}

#define MAX_STAGING (64 * 2448)
#define UPDATE_INTERVAL_MS 500

static HRESULT write_media(struct format_raw *format, IStream *data, LONG leadin)
{
    unsigned bytes = mmc_raw_sector_bytes(format->sector_type);
    ULONG max_transfer = 0;
    core_stream *source = NULL;
    LARGE_INTEGER zero;
    mmc_raw_job job;
    STATSTG stat;
    HRESULT hr;

    if (!data) return E_POINTER;
    if (InterlockedCompareExchange(&format->base.writing, 1, 0)) return E_IMAPI_DF2RAW_WRITE_IN_PROGRESS;
    IDiscFormat2RawCD_AddRef(&format->IDiscFormat2RawCD_iface);
    memset(&job, 0, sizeof(job));
    if (!format->base.prepared) { hr = E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED; goto done; }
    if (leadin < 0) { hr = E_INVALIDARG; goto done; }
    memset(&stat, 0, sizeof(stat));
    if (FAILED(IStream_Stat(data, &stat, STATFLAG_NONAME)) || !stat.cbSize.QuadPart || stat.cbSize.QuadPart % bytes)
    {
        hr = E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED;
        goto done;
    }
    zero.QuadPart = 0;
    IStream_Seek(data, zero, STREAM_SEEK_SET, NULL);
    if (FAILED(IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(format->drive.ex, &max_transfer)) || !max_transfer)
        max_transfer = 64 * 1024;
    if (max_transfer > MAX_STAGING) max_transfer = MAX_STAGING;
    job.buffer_size = max_transfer - max_transfer % bytes;
    if (!job.buffer_size) job.buffer_size = bytes;
    if (!(job.buffer = VirtualAlloc(NULL, job.buffer_size, MEM_COMMIT, PAGE_READWRITE))) { hr = E_OUTOFMEMORY; goto done; }
    IStream_AddRef(data);
    if (FAILED(hr = imapi_core_stream_from_istream(data, NULL, &source))) { IStream_Release(data); goto done; }
    job.source = source;
    job.source_offset = 0;
    job.source_bytes = stat.cbSize.QuadPart;
    job.leadin_sectors = leadin;
    job.progress = on_progress;
    job.ctx = format;
    job.interval_ms = UPDATE_INTERVAL_MS;
    job.now_ms = tick_now;
    job.sleep_ms = tick_sleep;
    format->cancel = 0;
    format->raw.bufe_disabled = format->bufe_disabled;
    format->raw.sector_type = format->sector_type;
    hr = format_drive_result(&format->drive, mmc_raw_write(&format->raw, &job));
    source->ops->close(source);
done:
    if (job.buffer) VirtualFree(job.buffer, 0, MEM_RELEASE);
    format->cancel = 0;
    InterlockedExchange(&format->base.writing, 0);
    TRACE("returning %08lx\n", (unsigned long)hr);
    IDiscFormat2RawCD_Release(&format->IDiscFormat2RawCD_iface);
    return hr;
}

static HRESULT WINAPI format_raw_WriteMedia(IDiscFormat2RawCD *iface, IStream *data)
{
    TRACE("(%p)->(%p)\n", iface, data);
    /* the stream begins at 95:00:00 */
    return write_media(format_raw_impl(iface), data, -CD_IMAGE_FIRST_LBA);
}

static HRESULT WINAPI format_raw_WriteMedia2(IDiscFormat2RawCD *iface, IStream *data, LONG streamLeadInSectors)
{
    TRACE("(%p)->(%p %ld)\n", iface, data, streamLeadInSectors);
    return write_media(format_raw_impl(iface), data, streamLeadInSectors);
}

static HRESULT WINAPI format_raw_CancelWrite(IDiscFormat2RawCD *iface)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->()\n", iface);
    if (!format->base.writing) return E_IMAPI_DF2RAW_WRITE_NOT_IN_PROGRESS;
    InterlockedExchange(&format->cancel, 1);
    return S_OK;
}

static HRESULT WINAPI format_raw_ReleaseMedia(IDiscFormat2RawCD *iface)
{
    struct format_raw *format = format_raw_impl(iface);
    HRESULT hr;

    TRACE("(%p)->()\n", iface);
    if (format->base.writing) return E_IMAPI_DF2RAW_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    hr = format_drive_result(&format->drive, mmc_raw_release(&format->raw));
    unprepare(format);
    return hr;
}

static HRESULT WINAPI format_raw_SetWriteSpeed(IDiscFormat2RawCD *iface, LONG RequestedSectorsPerSecond, VARIANT_BOOL RotationTypeIsPureCAV)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%ld %d)\n", iface, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
    return format_speed_set(&format->base, &format->speed, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
}

static HRESULT WINAPI format_raw_put_BufferUnderrunFreeDisabled(IDiscFormat2RawCD *iface, VARIANT_BOOL value)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%d)\n", iface, value);
    if (format->base.writing) return E_IMAPI_DF2RAW_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    format->bufe_disabled = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_raw_get_BufferUnderrunFreeDisabled(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_raw_impl(iface)->bufe_disabled, value);
}

static HRESULT WINAPI format_raw_get_StartOfNextSession(IDiscFormat2RawCD *iface, LONG *value)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (!format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    *value = format->raw.leadin_start;
    return S_OK;
}

static HRESULT WINAPI format_raw_get_LastPossibleStartOfLeadout(IDiscFormat2RawCD *iface, LONG *value)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (!format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    *value = format->raw.last_leadout;
    return S_OK;
}

static HRESULT WINAPI format_raw_get_CurrentPhysicalMediaType(IDiscFormat2RawCD *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_raw_impl(iface)->base, value);
}

/* The drive's sector types as a bit mask (bit n: type n). */
static HRESULT supported_types(struct format_raw *format, unsigned *mask)
{
    struct format_drive drive;
    HRESULT hr;
    *mask = 0;
    if (format->base.prepared) return format_drive_result(&format->drive, mmc_raw_supported_types(&format->drive.dev, mask));
    if (FAILED(hr = format_drive_open(format->base.recorder, &drive))) return hr;
    hr = format_drive_result(&drive, mmc_raw_supported_types(&drive.dev, mask));
    format_drive_close(&drive);
    return hr;
}

static HRESULT WINAPI format_raw_get_SupportedSectorTypes(IDiscFormat2RawCD *iface, SAFEARRAY **value)
{
    struct format_raw *format = format_raw_impl(iface);
    VARIANT *data;
    unsigned mask, t, n = 0, i = 0;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!format->base.recorder) return E_POINTER;      /* documented: no recorder answers E_POINTER */
    if (FAILED(hr = supported_types(format, &mask))) return hr;
    for (t = 1; t <= 3; t++) if (mask & (1u << t)) n++;
    if (!(*value = SafeArrayCreateVector(VT_VARIANT, 0, n))) return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = SafeArrayAccessData(*value, (void **)&data)))
    {
        for (t = 1; t <= 3; t++)
            if (mask & (1u << t))
            {
                V_VT(&data[i]) = VT_UI4;
                V_UI4(&data[i++]) = t;
            }
        SafeArrayUnaccessData(*value);
    }
    return hr;
}

static HRESULT WINAPI format_raw_put_RequestedSectorType(IDiscFormat2RawCD *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE value)
{
    struct format_raw *format = format_raw_impl(iface);
    unsigned mask = 0;
    HRESULT hr;

    TRACE("(%p)->(%d)\n", iface, value);
    if (format->base.writing) return E_IMAPI_DF2RAW_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    if (value < IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY || value > IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW)
        return E_IMAPI_DF2RAW_DATA_BLOCK_TYPE_NOT_SUPPORTED;
    if (FAILED(hr = supported_types(format, &mask))) return hr;
    if (!(mask & (1u << value))) return E_IMAPI_DF2RAW_DATA_BLOCK_TYPE_NOT_SUPPORTED;
    format->sector_type = value;
    return S_OK;
}

static HRESULT WINAPI format_raw_get_RequestedSectorType(IDiscFormat2RawCD *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = format_raw_impl(iface)->sector_type;
    return S_OK;
}

static HRESULT WINAPI format_raw_get_RequestedWriteSpeed(IDiscFormat2RawCD *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_long(format_raw_impl(iface)->speed.requested, value);
}

static HRESULT WINAPI format_raw_get_RequestedRotationTypeIsPureCAV(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_raw_impl(iface)->speed.requested_cav, value);
}

static HRESULT WINAPI format_raw_get_CurrentWriteSpeed(IDiscFormat2RawCD *iface, LONG *value)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    return format_speed_current(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_raw_get_CurrentRotationTypeIsPureCAV(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    struct format_raw *format = format_raw_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    return format_speed_current_cav(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_raw_get_SupportedWriteSpeeds(IDiscFormat2RawCD *iface, SAFEARRAY **supportedSpeeds)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeeds);
    return format_speed_supported(&format_raw_impl(iface)->base, supportedSpeeds);
}

static HRESULT WINAPI format_raw_get_SupportedWriteSpeedDescriptors(IDiscFormat2RawCD *iface, SAFEARRAY **supportedSpeedDescriptors)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeedDescriptors);
    return format_speed_descriptors(&format_raw_impl(iface)->base, supportedSpeedDescriptors);
}

static const IDiscFormat2RawCDVtbl format_raw_vtbl =
{
    format_raw_QueryInterface, format_raw_AddRef, format_raw_Release, format_raw_GetTypeInfoCount,
    format_raw_GetTypeInfo, format_raw_GetIDsOfNames, format_raw_Invoke, format_raw_IsRecorderSupported,
    format_raw_IsCurrentMediaSupported, format_raw_get_MediaPhysicallyBlank,
    format_raw_get_MediaHeuristicallyBlank, format_raw_get_SupportedMediaTypes, format_raw_PrepareMedia,
    format_raw_WriteMedia, format_raw_WriteMedia2, format_raw_CancelWrite, format_raw_ReleaseMedia,
    format_raw_SetWriteSpeed, format_raw_put_Recorder, format_raw_get_Recorder,
    format_raw_put_BufferUnderrunFreeDisabled, format_raw_get_BufferUnderrunFreeDisabled,
    format_raw_get_StartOfNextSession, format_raw_get_LastPossibleStartOfLeadout,
    format_raw_get_CurrentPhysicalMediaType, format_raw_get_SupportedSectorTypes,
    format_raw_put_RequestedSectorType, format_raw_get_RequestedSectorType, format_raw_put_ClientName,
    format_raw_get_ClientName, format_raw_get_RequestedWriteSpeed,
    format_raw_get_RequestedRotationTypeIsPureCAV, format_raw_get_CurrentWriteSpeed,
    format_raw_get_CurrentRotationTypeIsPureCAV, format_raw_get_SupportedWriteSpeeds,
    format_raw_get_SupportedWriteSpeedDescriptors
};

static const struct imapi_iface_entry format_raw_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2RawCD, struct format_raw, IDiscFormat2RawCD_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_raw, IDiscFormat2RawCD_iface),
    { NULL }
};

static void format_raw_destroy(struct imapi_object *obj)
{
    struct format_raw *format = CONTAINING_RECORD(obj, struct format_raw, obj);
    if (format->base.prepared) unprepare(format);   /* a client that never called ReleaseMedia */
    format_base_cleanup(&format->base);
    free(format);
}

HRESULT format_raw_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2RawCDEvents };
    struct format_raw *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2RawCD_iface.lpVtbl = &format_raw_vtbl;
    format_base_init(&format->base, MMC_FORMAT_RAW, &format_raw_codes);
    format_speed_init(&format->speed);
    format->sector_type = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED;
    imapi_object_init(&format->obj, format_raw_ifaces, TRUE, format_raw_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
