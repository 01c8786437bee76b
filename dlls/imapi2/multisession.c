/* MsftMultisessionSequential (IMultisessionSequential2) and MsftMultisessionRandomWrite
 * (IMultisessionRandomWrite), as IDiscFormat2Data::MultisessionInterfaces hands them out.
 * They keep the recorder and read every field from the core's media facts when asked,
 * so they give the same values as IDiscFormat2Data's properties of the same names.
 *
 * Decisions ([undoc], tested in winetest/format_data.c):
 *  - IsSupportedOnCurrentMediaState: sequential: a medium of the sequential class whose
 *    CurrentMediaStatus has the APPENDABLE bit and none of the unsupported bits (blank
 *    sequential media included: a first session appends to nothing); random write: a
 *    medium of the overwrite class that is not write protected;
 *  - IsFirstDataSession: TRUE when the disc has no complete session yet (audio sessions
 *    of CD-Extra discs are not told apart yet);
 *  - without a disc every field answers E_IMAPI_RECORDER_MEDIA_NO_MEDIA (RECERR), on a
 *    medium of the other class E_IMAPI_DF2DATA_INVALID_MEDIA_STATE (the listed code);
 *  - LastWrittenAddress: the last recorded block the drive reports, -1 on blank media;
 *  - InUse defaults to FALSE and is only a mark (the file-system image reads it). */
#include "format_common.h"
#include "format_objects.h"

struct multisession
{
    struct imapi_object obj;
    IMultisessionSequential2 IMultisessionSequential2_iface;
    IMultisessionRandomWrite IMultisessionRandomWrite_iface;
    IDiscRecorder2 *recorder;
    BOOL random_write;
    BOOL in_use;
};

static HRESULT ms_facts(struct multisession *ms, mmc_media_facts *facts, BOOL need_class)
{
    struct format_drive drive;
    HRESULT hr;

    memset(facts, 0, sizeof(*facts));
    if (FAILED(hr = format_drive_open(ms->recorder, &drive))) return hr;
    hr = format_drive_result(&drive, mmc_media_query(&drive.dev, facts));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    if (!facts->present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (need_class && facts->write_class != (ms->random_write ? MMC_CLASS_OVERWRITE : MMC_CLASS_SEQUENTIAL))
        return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
    return S_OK;
}

static HRESULT ms_supported(struct multisession *ms, VARIANT_BOOL *value)
{
    mmc_media_facts facts;
    uint32_t state;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (FAILED(hr = ms_facts(ms, &facts, FALSE))) return hr;
    state = mmc_media_data_state(&facts);
    if (ms->random_write)
        *value = facts.write_class == MMC_CLASS_OVERWRITE && !facts.write_protect ? VARIANT_TRUE : VARIANT_FALSE;
    else
        *value = facts.write_class == MMC_CLASS_SEQUENTIAL && (state & (MMC_STATE_APPENDABLE | MMC_STATE_BLANK))
                 && !(state & MMC_STATE_UNSUPPORTED_MASK) ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT ms_put_in_use(struct multisession *ms, VARIANT_BOOL value)
{
    ms->in_use = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT ms_get_in_use(struct multisession *ms, VARIANT_BOOL *value)
{
    return format_get_flag(ms->in_use, value);
}

static HRESULT ms_import_recorder(struct multisession *ms, IDiscRecorder2 **value)
{
    if (!value) return E_POINTER;
    *value = ms->recorder;
    IDiscRecorder2_AddRef(*value);
    return S_OK;
}

enum ms_field { MS_FIRST, MS_PREV_START, MS_PREV_LAST, MS_NWA, MS_FREE, MS_UNIT, MS_LAST_WRITTEN, MS_TOTAL };

static HRESULT ms_field(struct multisession *ms, enum ms_field field, LONG *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = 0;
    if (FAILED(hr = ms_facts(ms, &facts, TRUE))) return hr;
    switch (field)
    {
    case MS_PREV_START: *value = facts.prev_session_start; break;
    case MS_PREV_LAST: *value = facts.prev_session_last; break;
    case MS_NWA:
        if (!facts.nwa_valid) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
        *value = facts.next_writable;
        break;
    case MS_FREE: *value = mmc_media_data_free_sectors(&facts, 0); break;
    case MS_UNIT: *value = (LONG)facts.write_unit; break;
    case MS_LAST_WRITTEN: *value = facts.last_written; break;
    case MS_TOTAL: *value = (LONG)facts.total_blocks; break;
    case MS_FIRST: *value = facts.prev_session_start < 0; break;
    }
    return S_OK;
}

/* ---- IMultisessionSequential2 ---- */

IMAPI_IUNKNOWN_METHODS(ms_seq, IMultisessionSequential2, struct multisession, IMultisessionSequential2_iface)
IMAPI_IDISPATCH_METHODS(ms_seq, IMultisessionSequential2, IID_IMultisessionSequential2)

static HRESULT WINAPI ms_seq_get_IsSupportedOnCurrentMediaState(IMultisessionSequential2 *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_supported(ms_seq_impl(iface), value);
}

static HRESULT WINAPI ms_seq_put_InUse(IMultisessionSequential2 *iface, VARIANT_BOOL value)
{
    TRACE("%p %d\n", iface, value);
    return ms_put_in_use(ms_seq_impl(iface), value);
}

static HRESULT WINAPI ms_seq_get_InUse(IMultisessionSequential2 *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_get_in_use(ms_seq_impl(iface), value);
}

static HRESULT WINAPI ms_seq_get_ImportRecorder(IMultisessionSequential2 *iface, IDiscRecorder2 **value)
{
    TRACE("%p %p\n", iface, value);
    return ms_import_recorder(ms_seq_impl(iface), value);
}

static HRESULT WINAPI ms_seq_get_IsFirstDataSession(IMultisessionSequential2 *iface, VARIANT_BOOL *value)
{
    LONG first;
    HRESULT hr;

    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    if (SUCCEEDED(hr = ms_field(ms_seq_impl(iface), MS_FIRST, &first)))
        *value = first ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT WINAPI ms_seq_get_StartAddressOfPreviousSession(IMultisessionSequential2 *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_seq_impl(iface), MS_PREV_START, value);
}

static HRESULT WINAPI ms_seq_get_LastWrittenAddressOfPreviousSession(IMultisessionSequential2 *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_seq_impl(iface), MS_PREV_LAST, value);
}

static HRESULT WINAPI ms_seq_get_NextWritableAddress(IMultisessionSequential2 *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_seq_impl(iface), MS_NWA, value);
}

static HRESULT WINAPI ms_seq_get_FreeSectorsOnMedia(IMultisessionSequential2 *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_seq_impl(iface), MS_FREE, value);
}

static HRESULT WINAPI ms_seq_get_WriteUnitSize(IMultisessionSequential2 *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_seq_impl(iface), MS_UNIT, value);
}

static const IMultisessionSequential2Vtbl ms_seq_vtbl =
{
    ms_seq_QueryInterface, ms_seq_AddRef, ms_seq_Release, ms_seq_GetTypeInfoCount, ms_seq_GetTypeInfo,
    ms_seq_GetIDsOfNames, ms_seq_Invoke, ms_seq_get_IsSupportedOnCurrentMediaState, ms_seq_put_InUse,
    ms_seq_get_InUse, ms_seq_get_ImportRecorder, ms_seq_get_IsFirstDataSession,
    ms_seq_get_StartAddressOfPreviousSession, ms_seq_get_LastWrittenAddressOfPreviousSession,
    ms_seq_get_NextWritableAddress, ms_seq_get_FreeSectorsOnMedia, ms_seq_get_WriteUnitSize
};

/* ---- IMultisessionRandomWrite ---- */

IMAPI_IUNKNOWN_METHODS(ms_rw, IMultisessionRandomWrite, struct multisession, IMultisessionRandomWrite_iface)
IMAPI_IDISPATCH_METHODS(ms_rw, IMultisessionRandomWrite, IID_IMultisessionRandomWrite)

static HRESULT WINAPI ms_rw_get_IsSupportedOnCurrentMediaState(IMultisessionRandomWrite *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_supported(ms_rw_impl(iface), value);
}

static HRESULT WINAPI ms_rw_put_InUse(IMultisessionRandomWrite *iface, VARIANT_BOOL value)
{
    TRACE("%p %d\n", iface, value);
    return ms_put_in_use(ms_rw_impl(iface), value);
}

static HRESULT WINAPI ms_rw_get_InUse(IMultisessionRandomWrite *iface, VARIANT_BOOL *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_get_in_use(ms_rw_impl(iface), value);
}

static HRESULT WINAPI ms_rw_get_ImportRecorder(IMultisessionRandomWrite *iface, IDiscRecorder2 **value)
{
    TRACE("%p %p\n", iface, value);
    return ms_import_recorder(ms_rw_impl(iface), value);
}

static HRESULT WINAPI ms_rw_get_WriteUnitSize(IMultisessionRandomWrite *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_rw_impl(iface), MS_UNIT, value);
}

static HRESULT WINAPI ms_rw_get_LastWrittenAddress(IMultisessionRandomWrite *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_rw_impl(iface), MS_LAST_WRITTEN, value);
}

static HRESULT WINAPI ms_rw_get_TotalSectorsOnMedia(IMultisessionRandomWrite *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return ms_field(ms_rw_impl(iface), MS_TOTAL, value);
}

static const IMultisessionRandomWriteVtbl ms_rw_vtbl =
{
    ms_rw_QueryInterface, ms_rw_AddRef, ms_rw_Release, ms_rw_GetTypeInfoCount, ms_rw_GetTypeInfo,
    ms_rw_GetIDsOfNames, ms_rw_Invoke, ms_rw_get_IsSupportedOnCurrentMediaState, ms_rw_put_InUse,
    ms_rw_get_InUse, ms_rw_get_ImportRecorder, ms_rw_get_WriteUnitSize, ms_rw_get_LastWrittenAddress,
    ms_rw_get_TotalSectorsOnMedia
};

static const struct imapi_iface_entry ms_seq_ifaces[] =
{
    IMAPI_IFACE(IID_IMultisessionSequential2, struct multisession, IMultisessionSequential2_iface),
    IMAPI_IFACE(IID_IMultisessionSequential, struct multisession, IMultisessionSequential2_iface),
    IMAPI_IFACE(IID_IMultisession, struct multisession, IMultisessionSequential2_iface),
    { NULL }
};

static const struct imapi_iface_entry ms_rw_ifaces[] =
{
    IMAPI_IFACE(IID_IMultisessionRandomWrite, struct multisession, IMultisessionRandomWrite_iface),
    IMAPI_IFACE(IID_IMultisession, struct multisession, IMultisessionRandomWrite_iface),
    { NULL }
};

static void multisession_destroy(struct imapi_object *obj)
{
    struct multisession *ms = CONTAINING_RECORD(obj, struct multisession, obj);
    IDiscRecorder2_Release(ms->recorder);
    free(ms);
}

HRESULT multisession_create(IDiscRecorder2 *recorder, BOOL random_write, IDispatch **out)
{
    struct multisession *ms = calloc(1, sizeof(*ms));

    TRACE("%p %d %p\n", recorder, random_write, out);
    if (!ms) return E_OUTOFMEMORY;
    ms->IMultisessionSequential2_iface.lpVtbl = &ms_seq_vtbl;
    ms->IMultisessionRandomWrite_iface.lpVtbl = &ms_rw_vtbl;
    ms->recorder = recorder;
    IDiscRecorder2_AddRef(recorder);
    ms->random_write = random_write;
    imapi_object_init(&ms->obj, random_write ? ms_rw_ifaces : ms_seq_ifaces, TRUE, multisession_destroy);
    *out = random_write ? (IDispatch *)&ms->IMultisessionRandomWrite_iface
                        : (IDispatch *)&ms->IMultisessionSequential2_iface;
    return S_OK;
}
