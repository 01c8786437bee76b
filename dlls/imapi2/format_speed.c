/* Write speeds of the Data, TrackAtOnce and RawCD formats (see format_speed.h). */
#include "format_speed.h"
#include "format_objects.h"
#include "mmc/mmc_burn.h"

struct speed { LONG sectors; BOOL cav; };

void format_speed_init(struct format_speed *s)
{
    memset(s, 0, sizeof(*s));
    s->requested = -1;
}

/* The drive's speeds for the medium, highest first, without duplicates. */
static HRESULT query(struct format_base *base, struct speed **out, size_t *count, IMAPI_MEDIA_PHYSICAL_TYPE *type)
{
    struct format_drive drive;
    mmc_write_speed_desc *descs = NULL;
    mmc_media_facts facts;
    struct speed *speeds;
    size_t n = 0, i, j, k;
    HRESULT hr;

    *out = NULL;
    *count = 0;
    if (FAILED(hr = format_query(base, &drive, &facts))) return hr;
    if (!facts.present) hr = E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    else hr = format_drive_result(&drive, mmc_dev_write_speeds(&drive.dev, &descs, &n));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    *type = (IMAPI_MEDIA_PHYSICAL_TYPE)facts.type;
    if (!(speeds = calloc(n ? n : 1, sizeof(*speeds)))) { free(descs); return E_OUTOFMEMORY; }
    for (i = k = 0; i < n; i++)
    {
        LONG v = (LONG)((uint64_t)descs[i].write_kbps * 1000 / (facts.cd ? 2352 : 2048));
        BOOL cav = descs[i].wrc == 1;
        for (j = 0; j < k && (speeds[j].sectors != v || speeds[j].cav != cav); j++) ;
        if (j < k || !v) continue;
        for (j = k; j > 0 && speeds[j - 1].sectors < v; j--) speeds[j] = speeds[j - 1];
        speeds[j].sectors = v;
        speeds[j].cav = cav;
        k++;
    }
    free(descs);
    *out = speeds;
    *count = k;
    return S_OK;
}

HRESULT format_speed_set(struct format_base *base, struct format_speed *s, LONG speed, VARIANT_BOOL pure_cav)
{
    struct format_drive drive;
    mmc_media_facts facts;
    int32_t adjusted = S_OK;
    uint32_t current = 0;
    int cav = 0;
    HRESULT hr;

    if (speed == 0 || speed < -1) return E_INVALIDARG;
    if (base->writing) return base->codes->write_in_progress;
    if (FAILED(hr = format_query(base, &drive, &facts))) return hr;
    if (!facts.present) hr = E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    else hr = format_drive_result(&drive, mmc_burn_set_speed(&drive.dev, &facts, speed, pure_cav != VARIANT_FALSE,
                                                             &adjusted, &current, &cav));
    format_drive_close(&drive);
    if (FAILED(hr)) return hr;
    s->requested = speed;
    s->requested_cav = pure_cav != VARIANT_FALSE;
    s->set = TRUE;
    s->current = (LONG)current;
    s->current_cav = cav != 0;
    return hr == S_OK ? adjusted : hr;
}

static HRESULT current(struct format_base *base, struct format_speed *s, LONG *speed, BOOL *cav)
{
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    struct speed *speeds;
    size_t count;
    HRESULT hr;

    if (s->set) { *speed = s->current; *cav = s->current_cav; return S_OK; }
    if (FAILED(hr = query(base, &speeds, &count, &type))) return hr;
    *speed = count ? speeds[0].sectors : 0;
    *cav = count ? speeds[0].cav : FALSE;
    free(speeds);
    return S_OK;
}

HRESULT format_speed_current(struct format_base *base, struct format_speed *s, LONG *value)
{
    BOOL cav;
    if (!value) return E_POINTER;
    *value = 0;
    return current(base, s, value, &cav);
}

HRESULT format_speed_current_cav(struct format_base *base, struct format_speed *s, VARIANT_BOOL *value)
{
    LONG speed;
    BOOL cav = FALSE;
    HRESULT hr;
    if (!value) return E_POINTER;
    hr = current(base, s, &speed, &cav);
    *value = cav ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

HRESULT format_speed_supported(struct format_base *base, SAFEARRAY **value)
{
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    struct speed *speeds;
    size_t count, i;
    VARIANT *data;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = query(base, &speeds, &count, &type))) return hr;
    if (!(*value = SafeArrayCreateVector(VT_VARIANT, 0, (ULONG)count))) hr = E_OUTOFMEMORY;
    else if (SUCCEEDED(hr = SafeArrayAccessData(*value, (void **)&data)))
    {
        for (i = 0; i < count; i++)
        {
            V_VT(&data[i]) = VT_UI4;
            V_UI4(&data[i]) = (ULONG)speeds[i].sectors;
        }
        SafeArrayUnaccessData(*value);
    }
    free(speeds);
    return hr;
}

HRESULT format_speed_descriptors(struct format_base *base, SAFEARRAY **value)
{
    IMAPI_MEDIA_PHYSICAL_TYPE type = IMAPI_MEDIA_TYPE_UNKNOWN;
    IDispatch **descs;
    struct speed *speeds;
    size_t count, i;
    HRESULT hr;

    if (!value) return E_POINTER;
    *value = NULL;
    if (FAILED(hr = query(base, &speeds, &count, &type))) return hr;
    if (!(descs = calloc(count ? count : 1, sizeof(*descs)))) hr = E_OUTOFMEMORY;
    for (i = 0; SUCCEEDED(hr) && i < count; i++)
        hr = speed_desc_create(type, speeds[i].cav, speeds[i].sectors, &descs[i]);
    if (SUCCEEDED(hr)) hr = imapi_safearray_from_dispatch(descs, (unsigned)count, value);
    for (i = 0; descs && i < count; i++)
        if (descs[i]) IDispatch_Release(descs[i]);
    free(descs);
    free(speeds);
    return hr;
}
