/* The IDiscFormat2 base of the four format objects (see format_common.h for the
 * decisions). Rules about media are the core's; this file only reaches the drive and
 * copies the answers out. */
#include "format_common.h"
#include "mmc/exclusive_name.h"

/* The core has no windows.h: its enums carry IMAPI2's values, checked here. */
C_ASSERT((int)MMC_MEDIA_BDRE == (int)IMAPI_MEDIA_TYPE_BDRE && (int)MMC_MEDIA_DISK == (int)IMAPI_MEDIA_TYPE_DISK
         && (int)MMC_MEDIA_DVDPLUSR_DUALLAYER == (int)IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER);
C_ASSERT((int)MMC_STATE_UNSUPPORTED_MASK == (int)IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MASK
         && (int)MMC_STATE_FINALIZED == (int)IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED
         && (int)MMC_STATE_WRITE_PROTECTED == (int)IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED);
C_ASSERT((int)MMC_WP_READ_ONLY_MEDIA == (int)IMAPI_WRITEPROTECTED_READ_ONLY_MEDIA
         && (int)MMC_WP_BY_SOFTWARE == (int)IMAPI_WRITEPROTECTED_BY_SOFTWARE_WRITE_PROTECT);

void format_base_init(struct format_base *base, enum mmc_format_kind kind, const struct format_codes *codes)
{
    base->kind = kind;
    base->codes = codes;
    base->recorder = NULL;
    base->client_name = NULL;
    base->writing = 0;
}

void format_base_cleanup(struct format_base *base)
{
    if (base->recorder) IDiscRecorder2_Release(base->recorder);
    SysFreeString(base->client_name);
    base->recorder = NULL;
    base->client_name = NULL;
}

HRESULT format_drive_open(IDiscRecorder2 *recorder, struct format_drive *drive)
{
    memset(drive, 0, sizeof(*drive));
    if (FAILED(IDiscRecorder2_QueryInterface(recorder, &IID_IDiscRecorder2Ex, (void **)&drive->ex)))
    {
        WARN("recorder %p has no IDiscRecorder2Ex\n", recorder);
        drive->ex = NULL;
        return E_INVALIDARG;
    }
    recorder_ex_transport_init(&drive->transport, drive->ex);
    mmc_dev_init(&drive->dev, &drive->transport.base);
    return S_OK;
}

void format_drive_close(struct format_drive *drive)
{
    if (drive->ex) IDiscRecorder2Ex_Release(drive->ex);
    drive->ex = NULL;
}

HRESULT format_drive_result(struct format_drive *drive, HRESULT hr)
{
    if (FAILED(hr) && FAILED(drive->transport.last_failure) && hr != E_IMAPI_REQUEST_CANCELLED)
        return drive->transport.last_failure;
    return hr;
}

HRESULT format_query(struct format_base *base, struct format_drive *drive, mmc_media_facts *facts)
{
    HRESULT hr;

    memset(facts, 0, sizeof(*facts));
    if (!base->recorder) return E_IMAPI_RECORDER_REQUIRED;
    if (FAILED(hr = format_drive_open(base->recorder, drive))) return hr;
    if (FAILED(hr = format_drive_result(drive, mmc_media_query(&drive->dev, facts))))
    {
        TRACE("media query failed: %08lx\n", (unsigned long)hr);
        format_drive_close(drive);
    }
    return hr;
}

HRESULT format_facts(struct format_base *base, mmc_media_facts *facts)
{
    struct format_drive drive;
    HRESULT hr;

    if (SUCCEEDED(hr = format_query(base, &drive, facts))) format_drive_close(&drive);
    return hr;
}

HRESULT format_is_recorder_supported(enum mmc_format_kind kind, IDiscRecorder2 *recorder, VARIANT_BOOL *value)
{
    struct format_drive drive;
    int supported = 0;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (!recorder) return E_POINTER;
    if (FAILED(hr = format_drive_open(recorder, &drive))) return hr;
    hr = format_drive_result(&drive, mmc_format_recorder_supported(&drive.dev, kind, &supported));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    /* Documented quirk: RawCD answers "not supported" with this error code. */
    if (kind == MMC_FORMAT_RAW && !supported) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED;
    *value = supported ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

HRESULT format_is_current_media_supported(enum mmc_format_kind kind, IDiscRecorder2 *recorder, VARIANT_BOOL *value)
{
    struct format_drive drive;
    mmc_media_facts facts;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (!recorder) return E_POINTER;
    if (FAILED(hr = format_drive_open(recorder, &drive))) return hr;
    memset(&facts, 0, sizeof(facts));
    hr = format_drive_result(&drive, mmc_media_query(&drive.dev, &facts));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    /* Windows 7: no medium is an error, with FALSE (Vista answered S_OK). */
    if (!facts.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    *value = mmc_format_media_supported(kind, &facts) ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

HRESULT format_media_physically_blank(struct format_base *base, VARIANT_BOOL *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (FAILED(hr = format_facts(base, &facts))) return hr;
    if (!facts.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    *value = mmc_media_physically_blank(&facts) ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

HRESULT format_media_heuristically_blank(struct format_base *base, VARIANT_BOOL *value)
{
    struct format_drive drive;
    mmc_media_facts facts;
    int blank = 0;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    if (FAILED(hr = format_query(base, &drive, &facts))) return hr;
    if (!facts.present) hr = E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    else hr = format_drive_result(&drive, mmc_media_heuristically_blank(&drive.dev, &facts, &blank));
    format_drive_close(&drive);
    if (SUCCEEDED(hr)) *value = blank ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

HRESULT format_supported_media_types(struct format_base *base, SAFEARRAY **value)
{
    struct format_drive drive;
    uint32_t *types = NULL;
    size_t count = 0, i;
    LONG *longs;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    if (!base->recorder) return E_IMAPI_RECORDER_REQUIRED;
    if (FAILED(hr = format_drive_open(base->recorder, &drive))) return hr;
    hr = format_drive_result(&drive, mmc_format_supported_types(&drive.dev, base->kind, &types, &count));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    if (!(longs = calloc(count ? count : 1, sizeof(*longs)))) hr = E_OUTOFMEMORY;
    else
    {
        for (i = 0; i < count; i++) longs[i] = (LONG)types[i];
        hr = imapi_safearray_from_longs(longs, (unsigned)count, value);
        free(longs);
    }
    free(types);
    return hr;
}

/* Both recorders name the same drive (their ActiveDiscRecorder IDs). */
static BOOL same_drive(IDiscRecorder2 *a, IDiscRecorder2 *b)
{
    BSTR ida = NULL, idb = NULL;
    BOOL same;

    if (a == b) return TRUE;
    IDiscRecorder2_get_ActiveDiscRecorder(a, &ida);
    IDiscRecorder2_get_ActiveDiscRecorder(b, &idb);
    same = ida && idb && !wcscmp(ida, idb);
    SysFreeString(ida);
    SysFreeString(idb);
    return same;
}

HRESULT format_put_recorder(struct format_base *base, IDiscRecorder2 *value)
{
    VARIANT_BOOL supported = VARIANT_FALSE;
    HRESULT hr;

    if (!value && !base->codes->only_one_recorder) return E_POINTER;
    if (base->writing) return base->codes->write_in_progress;
    if (base->prepared) return base->codes->media_is_prepared;
    if (!value)
    {
        if (base->recorder) IDiscRecorder2_Release(base->recorder);
        base->recorder = NULL;
        return S_OK;
    }
    if (base->codes->only_one_recorder && base->recorder && !same_drive(base->recorder, value))
        return base->codes->only_one_recorder;
    hr = format_is_recorder_supported(base->kind, value, &supported);
    if (hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED || (SUCCEEDED(hr) && !supported))
        return base->codes->recorder_not_supported;
    if (FAILED(hr)) return hr;
    IDiscRecorder2_AddRef(value);
    if (base->recorder) IDiscRecorder2_Release(base->recorder);
    base->recorder = value;
    return S_OK;
}

HRESULT format_get_recorder(struct format_base *base, IDiscRecorder2 **value)
{
    if (!value) return E_POINTER;
    *value = base->recorder;
    if (*value) IDiscRecorder2_AddRef(*value);
    return S_OK;
}

HRESULT format_put_client_name(struct format_base *base, BSTR value)
{
    BSTR copy;

    if (!value || !exclusive_name_valid((const uint16_t *)value, SysStringLen(value)))
        return base->codes->client_name_invalid;
    if (base->writing) return base->codes->write_in_progress;
    if (base->prepared) return base->codes->media_is_prepared;
    if (!(copy = SysAllocStringLen(value, SysStringLen(value)))) return E_OUTOFMEMORY;
    SysFreeString(base->client_name);
    base->client_name = copy;
    return S_OK;
}

HRESULT format_get_client_name(struct format_base *base, BSTR *out)
{
    if (!out) return E_POINTER;
    *out = base->client_name ? SysAllocStringLen(base->client_name, SysStringLen(base->client_name))
                             : SysAllocString(L"");
    return *out ? S_OK : E_OUTOFMEMORY;
}

/* [undoc] Without a disc: IMAPI_MEDIA_TYPE_UNKNOWN and S_OK (the enum's own value for
 * "no usable medium"); the documented E_IMAPI_RECORDER_REQUIRED without a recorder. */
HRESULT format_current_media_type(struct format_base *base, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    mmc_media_facts facts;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = IMAPI_MEDIA_TYPE_UNKNOWN;
    if (FAILED(hr = format_facts(base, &facts))) return hr;
    *value = facts.present ? (IMAPI_MEDIA_PHYSICAL_TYPE)facts.type : IMAPI_MEDIA_TYPE_UNKNOWN;
    return S_OK;
}

HRESULT format_get_flag(BOOL flag, VARIANT_BOOL *out)
{
    if (!out) return E_POINTER;
    *out = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

HRESULT format_get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}
