/* MsftDiscFormat2TrackAtOnce: writes audio CDs track at once. The IDiscFormat2 members,
 * Recorder and ClientName are the shared base's (format_common.c), the speeds
 * format_speed.c's; the recipe (blank CD-R/RW, page 05h, tracks at the NWA, closing) is
 * the core's (core/mmc/mmc_burn_tao.h). This file holds the prepared session (exclusive
 * access, the tray locked, the drive open) between PrepareMedia and ReleaseMedia, copies
 * answers out and fires DDiscFormat2TrackAtOnceEvents.
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/format_tao.c):
 *  - PrepareMedia without a recorder: E_IMAPI_DF2TAO_NO_RECORDER_SPECIFIED; without a
 *    ClientName: E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID (the exclusive-access owner);
 *    without a disc: E_IMAPI_RECORDER_MEDIA_NO_MEDIA; twice: E_IMAPI_DF2TAO_MEDIA_IS_PREPARED;
 *  - ReleaseMedia when not prepared: E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
 *  - NumberOfExistingTracks, Total/Free/UsedSectorsOnMedia, ExpectedTableOfContents when not
 *    prepared: E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED (listed for each);
 *  - put_BufferUnderrunFreeDisabled when not prepared: E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED
 *    (the only documented error besides WRITE_IN_PROGRESS); the getter always answers;
 *  - put_DoNotFinalizeMedia with a used disc in the drive: _PROPERTY_FOR_BLANK_MEDIA_ONLY;
 *    without a recorder or disc the value is kept;
 *  - AddAudioTrack with a stream whose Stat fails, that is empty or not whole 2352-byte
 *    sectors: E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED; tracks under 4 s are padded (documented);
 *  - ExpectedTableOfContents: SAFEARRAY of VARIANT VT_UI1, one per byte of the READ TOC
 *    format 0 answer the disc gives once the session is closed;
 *  - IBurnVerification: default QUICK (as Data); FULL is accepted and verifies as QUICK
 *    (the docs say FULL is not supported for TAO, not that setting it fails). */

#include "format_common.h"
#include "format_objects.h"
#include "format_speed.h"
#include "mmc/mmc_burn_tao.h"

static const struct format_codes format_tao_codes =
{
    .recorder_not_supported = E_IMAPI_DF2TAO_RECORDER_NOT_SUPPORTED,
    .write_in_progress = E_IMAPI_DF2TAO_WRITE_IN_PROGRESS,
    .client_name_invalid = E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID,
    .media_is_prepared = E_IMAPI_DF2TAO_MEDIA_IS_PREPARED,
};

struct format_tao
{
    struct imapi_object obj;
    IDiscFormat2TrackAtOnce IDiscFormat2TrackAtOnce_iface;
    struct format_base base;
    IBurnVerification IBurnVerification_iface;
    struct format_speed speed;
    BOOL do_not_finalize;
    BOOL bufe_disabled;
    IMAPI_BURN_VERIFICATION_LEVEL verification;
    volatile LONG cancel;
    /* the prepared session */
    struct format_drive drive;
    mmc_tao tao;
};

IMAPI_IUNKNOWN_METHODS(format_tao, IDiscFormat2TrackAtOnce, struct format_tao, IDiscFormat2TrackAtOnce_iface)
IMAPI_IDISPATCH_METHODS(format_tao, IDiscFormat2TrackAtOnce, IID_IDiscFormat2TrackAtOnce)
FORMAT_IDISCFORMAT2_METHODS(format_tao, IDiscFormat2TrackAtOnce, struct format_tao, base)

/* Gives back what PrepareMedia took. */
static void unprepare(struct format_tao *format)
{
    mmc_dev_prevent_removal(&format->drive.dev, 0);
    format_drive_close(&format->drive);
    memset(&format->drive, 0, sizeof(format->drive));
    IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
    format->base.prepared = FALSE;
    format->tao.prepared = 0;
}

static HRESULT WINAPI format_tao_PrepareMedia(IDiscFormat2TrackAtOnce *iface)
{
    struct format_tao *format = format_tao_impl(iface);
    HRESULT hr;

    TRACE("(%p)->()\n", iface);
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    if (format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_PREPARED;
    if (!format->base.recorder) return E_IMAPI_DF2TAO_NO_RECORDER_SPECIFIED;
    if (!format->base.client_name) return E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID;
    if (FAILED(hr = IDiscRecorder2_AcquireExclusiveAccess(format->base.recorder, VARIANT_FALSE, format->base.client_name)))
        return hr;
    memset(&format->drive, 0, sizeof(format->drive));
    if (FAILED(hr = format_drive_open(format->base.recorder, &format->drive)))
    {
        IDiscRecorder2_ReleaseExclusiveAccess(format->base.recorder);
        return hr;
    }
    memset(&format->tao, 0, sizeof(format->tao));
    format->tao.dev = &format->drive.dev;
    format->tao.bufe_disabled = format->bufe_disabled;
    format->tao.do_not_finalize = format->do_not_finalize;
    format->tao.speed = format->speed.requested;
    format->tao.pure_cav = format->speed.requested_cav;
    format->tao.verify = (enum mmc_verify_level)format->verification;
    hr = format_drive_result(&format->drive, mmc_tao_prepare(&format->tao));
    if (FAILED(hr))
    {
        format->base.prepared = TRUE;
        unprepare(format);
        TRACE("returning %08lx\n", (unsigned long)hr);
        return hr;
    }
    /* the tray stays locked while prepared, as a burning application expects */
    mmc_dev_prevent_removal(&format->drive.dev, 1);
    format->base.prepared = TRUE;
    if (format->tao.current_speed)
    {
        format->speed.current = (LONG)format->tao.current_speed;
        format->speed.current_cav = format->tao.current_cav != 0;
        format->speed.set = TRUE;
    }
    return hr;
}

static uint64_t tick_now(void *ctx) { return GetTickCount64(); }
static void tick_sleep(void *ctx, unsigned ms) { Sleep(ms); }

/* DDiscFormat2TrackAtOnceEvents::Update(object, IDiscFormat2TrackAtOnceEventArgs);
 * CancelAddTrack from the handler stops the track. */
static int on_progress(void *ctx, const mmc_tao_progress *p)
{
    struct format_tao *format = ctx;
    IDispatch *args;
    VARIANT v[2];

    TRACE("track %u action %d lba %d\n", p->track, p->action, p->p.last_written_lba);
    if (!imapi_cpc_sink_count(format->obj.cpc, &IID_DDiscFormat2TrackAtOnceEvents)) return format->cancel;
    if (FAILED(format_tao_args_create(p, &args))) return format->cancel;
    V_VT(&v[0]) = VT_DISPATCH;
    V_DISPATCH(&v[0]) = (IDispatch *)&format->IDiscFormat2TrackAtOnce_iface;
    V_VT(&v[1]) = VT_DISPATCH;
    V_DISPATCH(&v[1]) = args;
    imapi_cpc_fire(format->obj.cpc, &IID_DDiscFormat2TrackAtOnceEvents, DISPID_DDISCFORMAT2TAOEVENTS_UPDATE, v, 2);
    IDispatch_Release(args);
    return format->cancel;
}

#define MAX_STAGING (64 * 2352)
#define UPDATE_INTERVAL_MS 500

static HRESULT WINAPI format_tao_AddAudioTrack(IDiscFormat2TrackAtOnce *iface, IStream *data)
{
    struct format_tao *format = format_tao_impl(iface);
    ULONG max_transfer = 0;
    core_stream *source = NULL;
    mmc_tao_track job;
    LARGE_INTEGER zero;
    STATSTG stat;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, data);
    if (!data) return E_POINTER;
    if (InterlockedCompareExchange(&format->base.writing, 1, 0)) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    IDiscFormat2TrackAtOnce_AddRef(iface);
    memset(&job, 0, sizeof(job));
    if (!format->base.prepared) { hr = E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED; goto done; }
    if (format->tao.tracks >= MMC_TAO_MAX_TRACKS) { hr = E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED; goto done; }
    memset(&stat, 0, sizeof(stat));
    if (FAILED(IStream_Stat(data, &stat, STATFLAG_NONAME)) || !stat.cbSize.QuadPart || stat.cbSize.QuadPart % MMC_TAO_SECTOR)
    {
        hr = E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED;
        goto done;
    }
    zero.QuadPart = 0;
    IStream_Seek(data, zero, STREAM_SEEK_SET, NULL);
    if (FAILED(IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(format->drive.ex, &max_transfer)) || !max_transfer)
        max_transfer = 64 * 1024;
    if (max_transfer > MAX_STAGING) max_transfer = MAX_STAGING;
    job.buffer_size = max_transfer - max_transfer % MMC_TAO_SECTOR;
    if (!job.buffer_size) job.buffer_size = MMC_TAO_SECTOR;
    if (!(job.buffer = VirtualAlloc(NULL, job.buffer_size, MEM_COMMIT, PAGE_READWRITE))) { hr = E_OUTOFMEMORY; goto done; }
    IStream_AddRef(data);
    if (FAILED(hr = imapi_core_stream_from_istream(data, NULL, &source))) { IStream_Release(data); goto done; }
    job.source = source;
    job.source_bytes = stat.cbSize.QuadPart;
    job.progress = on_progress;
    job.ctx = format;
    job.interval_ms = UPDATE_INTERVAL_MS;
    job.now_ms = tick_now;
    job.sleep_ms = tick_sleep;
    format->cancel = 0;
    format->tao.verify = (enum mmc_verify_level)format->verification;
    hr = format_drive_result(&format->drive, mmc_tao_add_track(&format->tao, &job));
    source->ops->close(source);
done:
    if (job.buffer) VirtualFree(job.buffer, 0, MEM_RELEASE);
    format->cancel = 0;
    InterlockedExchange(&format->base.writing, 0);
    TRACE("returning %08lx\n", (unsigned long)hr);
    IDiscFormat2TrackAtOnce_Release(iface);
    return hr;
}

static HRESULT WINAPI format_tao_CancelAddTrack(IDiscFormat2TrackAtOnce *iface)
{
    struct format_tao *format = format_tao_impl(iface);

    TRACE("(%p)->()\n", iface);
    if (!format->base.writing) return E_IMAPI_DF2TAO_WRITE_NOT_IN_PROGRESS;
    InterlockedExchange(&format->cancel, 1);
    return S_OK;
}

static HRESULT WINAPI format_tao_ReleaseMedia(IDiscFormat2TrackAtOnce *iface)
{
    struct format_tao *format = format_tao_impl(iface);
    HRESULT hr;

    TRACE("(%p)->()\n", iface);
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    format->tao.do_not_finalize = format->do_not_finalize;
    hr = format_drive_result(&format->drive, mmc_tao_release(&format->tao));
    unprepare(format);
    TRACE("returning %08lx\n", (unsigned long)hr);
    return hr;
}

static HRESULT WINAPI format_tao_SetWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG RequestedSectorsPerSecond, VARIANT_BOOL RotationTypeIsPureCAV)
{
    struct format_tao *format = format_tao_impl(iface);
    TRACE("(%p)->(%ld %d)\n", iface, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
    return format_speed_set(&format->base, &format->speed, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
}

static HRESULT WINAPI format_tao_put_BufferUnderrunFreeDisabled(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL value)
{
    struct format_tao *format = format_tao_impl(iface);
    HRESULT hr;

    TRACE("(%p)->(%d)\n", iface, value);
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    if (FAILED(hr = format_drive_result(&format->drive, mmc_tao_set_bufe(&format->tao, value != VARIANT_FALSE))))
        return hr;
    format->bufe_disabled = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_tao_get_BufferUnderrunFreeDisabled(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_tao_impl(iface)->bufe_disabled, value);
}

enum tao_field { TF_TRACKS, TF_TOTAL, TF_FREE, TF_USED };

static HRESULT tao_field(struct format_tao *format, enum tao_field field, LONG *value)
{
    uint32_t total, free_sectors;

    if (!value) return E_POINTER;
    *value = 0;
    if (!format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    /* from the Update handler: the values from before the track (the docs' rule) */
    total = mmc_tao_total_sectors(&format->tao);
    free_sectors = mmc_tao_free_sectors(&format->tao);
    switch (field)
    {
    case TF_TRACKS:
        if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
        *value = (LONG)format->tao.tracks;
        break;
    case TF_TOTAL: *value = (LONG)total; break;
    case TF_FREE: *value = (LONG)free_sectors; break;
    case TF_USED: *value = (LONG)(total > free_sectors ? total - free_sectors : 0); break;
    }
    return S_OK;
}

static HRESULT WINAPI format_tao_get_NumberOfExistingTracks(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return tao_field(format_tao_impl(iface), TF_TRACKS, value);
}

static HRESULT WINAPI format_tao_get_TotalSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return tao_field(format_tao_impl(iface), TF_TOTAL, value);
}

static HRESULT WINAPI format_tao_get_FreeSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return tao_field(format_tao_impl(iface), TF_FREE, value);
}

static HRESULT WINAPI format_tao_get_UsedSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return tao_field(format_tao_impl(iface), TF_USED, value);
}

static HRESULT WINAPI format_tao_put_DoNotFinalizeMedia(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL value)
{
    struct format_tao *format = format_tao_impl(iface);
    mmc_media_facts facts;

    TRACE("(%p)->(%d)\n", iface, value);
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    if (format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_PREPARED;
    if (format->base.recorder && SUCCEEDED(format_facts(&format->base, &facts)) && facts.present &&
        !mmc_media_physically_blank(&facts))
        return E_IMAPI_DF2TAO_PROPERTY_FOR_BLANK_MEDIA_ONLY;
    format->do_not_finalize = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_tao_get_DoNotFinalizeMedia(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_tao_impl(iface)->do_not_finalize, value);
}

static HRESULT WINAPI format_tao_get_ExpectedTableOfContents(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **value)
{
    struct format_tao *format = format_tao_impl(iface);
    uint8_t toc[4 + 8 * (MMC_TAO_MAX_TRACKS + 1)];
    VARIANT *data;
    size_t len, i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    if (!format->base.prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    if (!(len = mmc_tao_expected_toc(&format->tao, toc, sizeof(toc)))) return E_IMAPI_DF2TAO_TABLE_OF_CONTENTS_EMPTY_DISC;
    if (!(*value = SafeArrayCreateVector(VT_VARIANT, 0, (ULONG)len))) return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = SafeArrayAccessData(*value, (void **)&data)))
    {
        for (i = 0; i < len; i++)
        {
            V_VT(&data[i]) = VT_UI1;
            V_UI1(&data[i]) = toc[i];
        }
        SafeArrayUnaccessData(*value);
    }
    return hr;
}

static HRESULT WINAPI format_tao_get_CurrentPhysicalMediaType(IDiscFormat2TrackAtOnce *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_tao_impl(iface)->base, value);
}

static HRESULT WINAPI format_tao_get_RequestedWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_long(format_tao_impl(iface)->speed.requested, value);
}

static HRESULT WINAPI format_tao_get_RequestedRotationTypeIsPureCAV(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_tao_impl(iface)->speed.requested_cav, value);
}

static HRESULT WINAPI format_tao_get_CurrentWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    struct format_tao *format = format_tao_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    return format_speed_current(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_tao_get_CurrentRotationTypeIsPureCAV(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    struct format_tao *format = format_tao_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    return format_speed_current_cav(&format->base, &format->speed, value);
}

static HRESULT WINAPI format_tao_get_SupportedWriteSpeeds(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **supportedSpeeds)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeeds);
    return format_speed_supported(&format_tao_impl(iface)->base, supportedSpeeds);
}

static HRESULT WINAPI format_tao_get_SupportedWriteSpeedDescriptors(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **supportedSpeedDescriptors)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeedDescriptors);
    return format_speed_descriptors(&format_tao_impl(iface)->base, supportedSpeedDescriptors);
}

static const IDiscFormat2TrackAtOnceVtbl format_tao_vtbl =
{
    format_tao_QueryInterface, format_tao_AddRef, format_tao_Release, format_tao_GetTypeInfoCount,
    format_tao_GetTypeInfo, format_tao_GetIDsOfNames, format_tao_Invoke, format_tao_IsRecorderSupported,
    format_tao_IsCurrentMediaSupported, format_tao_get_MediaPhysicallyBlank,
    format_tao_get_MediaHeuristicallyBlank, format_tao_get_SupportedMediaTypes, format_tao_PrepareMedia,
    format_tao_AddAudioTrack, format_tao_CancelAddTrack, format_tao_ReleaseMedia, format_tao_SetWriteSpeed,
    format_tao_put_Recorder, format_tao_get_Recorder, format_tao_put_BufferUnderrunFreeDisabled,
    format_tao_get_BufferUnderrunFreeDisabled, format_tao_get_NumberOfExistingTracks,
    format_tao_get_TotalSectorsOnMedia, format_tao_get_FreeSectorsOnMedia, format_tao_get_UsedSectorsOnMedia,
    format_tao_put_DoNotFinalizeMedia, format_tao_get_DoNotFinalizeMedia,
    format_tao_get_ExpectedTableOfContents, format_tao_get_CurrentPhysicalMediaType,
    format_tao_put_ClientName, format_tao_get_ClientName, format_tao_get_RequestedWriteSpeed,
    format_tao_get_RequestedRotationTypeIsPureCAV, format_tao_get_CurrentWriteSpeed,
    format_tao_get_CurrentRotationTypeIsPureCAV, format_tao_get_SupportedWriteSpeeds,
    format_tao_get_SupportedWriteSpeedDescriptors
};

IMAPI_IUNKNOWN_METHODS(format_tao_burn_verification, IBurnVerification, struct format_tao, IBurnVerification_iface)

static HRESULT WINAPI format_tao_burn_verification_put_BurnVerificationLevel(IBurnVerification *iface, IMAPI_BURN_VERIFICATION_LEVEL value)
{
    struct format_tao *format = format_tao_burn_verification_impl(iface);

    TRACE("(%p)->(%d)\n", iface, value);
    if (value < IMAPI_BURN_VERIFICATION_NONE || value > IMAPI_BURN_VERIFICATION_FULL) return E_INVALIDARG;
    if (format->base.writing) return E_IMAPI_DF2TAO_WRITE_IN_PROGRESS;
    format->verification = value;
    return S_OK;
}

static HRESULT WINAPI format_tao_burn_verification_get_BurnVerificationLevel(IBurnVerification *iface, IMAPI_BURN_VERIFICATION_LEVEL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = format_tao_burn_verification_impl(iface)->verification;
    return S_OK;
}

static const IBurnVerificationVtbl format_tao_burn_verification_vtbl =
{
    format_tao_burn_verification_QueryInterface, format_tao_burn_verification_AddRef,
    format_tao_burn_verification_Release, format_tao_burn_verification_put_BurnVerificationLevel,
    format_tao_burn_verification_get_BurnVerificationLevel
};

static const struct imapi_iface_entry format_tao_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2TrackAtOnce, struct format_tao, IDiscFormat2TrackAtOnce_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_tao, IDiscFormat2TrackAtOnce_iface),
    IMAPI_IFACE(IID_IBurnVerification, struct format_tao, IBurnVerification_iface),
    { NULL }
};

static void format_tao_destroy(struct imapi_object *obj)
{
    struct format_tao *format = CONTAINING_RECORD(obj, struct format_tao, obj);
    /* a client that never called ReleaseMedia: close the session as ReleaseMedia would,
     * so the drive is not left locked and the disc not left with an open session */
    if (format->base.prepared)
    {
        mmc_tao_release(&format->tao);
        unprepare(format);
    }
    format_base_cleanup(&format->base);
    free(format);
}

HRESULT format_tao_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2TrackAtOnceEvents };
    struct format_tao *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2TrackAtOnce_iface.lpVtbl = &format_tao_vtbl;
    format->IBurnVerification_iface.lpVtbl = &format_tao_burn_verification_vtbl;
    format_base_init(&format->base, MMC_FORMAT_TAO, &format_tao_codes);
    format_speed_init(&format->speed);
    format->verification = IMAPI_BURN_VERIFICATION_QUICK;
    imapi_object_init(&format->obj, format_tao_ifaces, TRUE, format_tao_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
