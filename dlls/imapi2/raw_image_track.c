/* IRawCDImageTrackInfo: one track of a MsftRawCDImageCreator, read and set through the
 * creator (it holds a reference), so a value set here is what the image gets.
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/raw_image.c):
 *  - ISRC: put takes CCOOOYYNNNNN with or without the dashes of CC-OOO-YY-NNNNN (letters
 *    and digits for CC and OOO, digits after; lower case is taken as upper case), "" clears
 *    it, anything else E_INVALIDARG; get gives the dashed form or "";
 *  - DigitalAudioCopySetting default PERMITTED (the Q control bit "copy permitted" set);
 *    PROHIBITED and SCMS clear it (SCMS's alternating bit is not generated); other values
 *    E_INVALIDARG. AudioHasPreemphasis default FALSE (control bit 0);
 *  - TrackIndexes: SAFEARRAY of VARIANT VT_I4, the offsets from the track start, 0 first;
 *  - AddTrackIndex: offsets 1..SectorCount-1 (else E_INVALIDARG); an existing offset (0
 *    included): S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS; a 100th index:
 *    _TOO_MANY_TRACK_INDEXES; nearer than 10 sectors to another: _TOO_CLOSE_TO_OTHER_INDEX.
 *    ClearTrackIndex(0): _OFFSET_ZERO_CANNOT_BE_CLEARED; an offset not there: _NOT_FOUND;
 *  - every setter after CreateResultImage: E_IMAPI_RAW_IMAGE_IS_READ_ONLY. */

#include "raw_image.h"

struct raw_track_info
{
    struct imapi_object obj;
    IRawCDImageTrackInfo IRawCDImageTrackInfo_iface;
    struct raw_image *image;
    unsigned index;
};

IMAPI_IUNKNOWN_METHODS(raw_track_info, IRawCDImageTrackInfo, struct raw_track_info, IRawCDImageTrackInfo_iface)
IMAPI_IDISPATCH_METHODS(raw_track_info, IRawCDImageTrackInfo, IID_IRawCDImageTrackInfo)

static struct raw_track *track_of(IRawCDImageTrackInfo *iface)
{
    struct raw_track_info *info = raw_track_info_impl(iface);
    return &info->image->tracks[info->index];
}

/* This track's entry in the creator's current layout. */
static HRESULT layout_field(IRawCDImageTrackInfo *iface, int field, LONG *value)
{
    struct raw_track_info *info = raw_track_info_impl(iface);
    cd_layout *l;
    if (!value) return E_POINTER;
    if (!(l = raw_image_layout(info->image))) return E_OUTOFMEMORY;
    switch (field)
    {
    case 0: *value = l->tracks[info->index].start; break;
    case 1: *value = (LONG)l->tracks[info->index].length; break;
    default: *value = l->tracks[info->index].number; break;
    }
    free(l);
    return S_OK;
}

static HRESULT WINAPI raw_track_info_get_StartingLba(IRawCDImageTrackInfo *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return layout_field(iface, 0, value);
}

static HRESULT WINAPI raw_track_info_get_SectorCount(IRawCDImageTrackInfo *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return layout_field(iface, 1, value);
}

static HRESULT WINAPI raw_track_info_get_TrackNumber(IRawCDImageTrackInfo *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return layout_field(iface, 2, value);
}

static HRESULT WINAPI raw_track_info_get_SectorType(IRawCDImageTrackInfo *iface, IMAPI_CD_SECTOR_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = IMAPI_CD_SECTOR_AUDIO;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_get_ISRC(IRawCDImageTrackInfo *iface, BSTR *value)
{
    const char *s = track_of(iface)->isrc;
    WCHAR text[16];
    unsigned i, k;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    for (i = k = 0; s[i]; i++)
    {
        if (i == 2 || i == 5 || i == 7) text[k++] = '-';
        text[k++] = (WCHAR)s[i];
    }
    text[k] = 0;
    *value = SysAllocString(text);
    return *value ? S_OK : E_OUTOFMEMORY;
}

/* [undoc] The page gives the form, not the error. IMAPI2 has one for it,
 * E_IMAPI_DF2TAO_INVALID_ISRC ("the provided ISRC is not valid"), and this property is
 * the only place an ISRC is given to IMAPI2, so that is the answer here. */
static HRESULT WINAPI raw_track_info_put_ISRC(IRawCDImageTrackInfo *iface, BSTR value)
{
    struct raw_track_info *info = raw_track_info_impl(iface);
    char code[13];
    UINT len = value ? SysStringLen(value) : 0, i, k;

    TRACE("(%p)->(%s)\n", iface, debugstr_w(value));
    if (info->image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (!len) { track_of(iface)->isrc[0] = 0; return S_OK; }
    if (len != 12 && len != 15) return E_IMAPI_DF2TAO_INVALID_ISRC;
    for (i = k = 0; i < len; i++)
    {
        WCHAR c = value[i];
        if (len == 15 && (i == 2 || i == 6 || i == 9))
        {
            if (c != '-') return E_IMAPI_DF2TAO_INVALID_ISRC;
            continue;
        }
        if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
        if (c > 0x7F) return E_IMAPI_DF2TAO_INVALID_ISRC;
        code[k++] = (char)c;
    }
    code[12] = 0;
    if (!cd_isrc_valid(code)) return E_IMAPI_DF2TAO_INVALID_ISRC;
    memcpy(track_of(iface)->isrc, code, sizeof(code));
    return S_OK;
}

static HRESULT WINAPI raw_track_info_get_DigitalAudioCopySetting(IRawCDImageTrackInfo *iface, IMAPI_CD_TRACK_DIGITAL_COPY_SETTING *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = track_of(iface)->copy;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_put_DigitalAudioCopySetting(IRawCDImageTrackInfo *iface, IMAPI_CD_TRACK_DIGITAL_COPY_SETTING value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    if (raw_track_info_impl(iface)->image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (value < IMAPI_CD_TRACK_DIGITAL_COPY_PERMITTED || value > IMAPI_CD_TRACK_DIGITAL_COPY_SCMS) return E_INVALIDARG;
    track_of(iface)->copy = value;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_get_AudioHasPreemphasis(IRawCDImageTrackInfo *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = track_of(iface)->preemphasis ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_put_AudioHasPreemphasis(IRawCDImageTrackInfo *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    if (raw_track_info_impl(iface)->image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    track_of(iface)->preemphasis = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_get_TrackIndexes(IRawCDImageTrackInfo *iface, SAFEARRAY **value)
{
    const struct raw_track *t = track_of(iface);
    VARIANT *data;
    unsigned i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (!(*value = SafeArrayCreateVector(VT_VARIANT, 0, t->nindex + 1))) return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = SafeArrayAccessData(*value, (void **)&data)))
    {
        V_VT(&data[0]) = VT_I4;
        V_I4(&data[0]) = 0;
        for (i = 0; i < t->nindex; i++)
        {
            V_VT(&data[i + 1]) = VT_I4;
            V_I4(&data[i + 1]) = t->index[i];
        }
        SafeArrayUnaccessData(*value);
    }
    return hr;
}

static HRESULT WINAPI raw_track_info_AddTrackIndex(IRawCDImageTrackInfo *iface, LONG lbaOffset)
{
    struct raw_track *t = track_of(iface);
    LONG length = 0;
    unsigned i, at;

    TRACE("(%p)->(%ld)\n", iface, lbaOffset);
    if (raw_track_info_impl(iface)->image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    layout_field(iface, 1, &length);
    if (lbaOffset == 0) return S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS;
    if (lbaOffset < 0 || lbaOffset >= length) return E_INVALIDARG;
    for (i = 0; i < t->nindex; i++)
        if (t->index[i] == lbaOffset) return S_IMAPI_RAW_IMAGE_TRACK_INDEX_ALREADY_EXISTS;
    if (t->nindex >= RAW_MAX_INDEXES) return E_IMAPI_RAW_IMAGE_TOO_MANY_TRACK_INDEXES;
    if (lbaOffset < RAW_INDEX_MIN_DISTANCE) return E_IMAPI_RAW_IMAGE_TRACK_INDEX_TOO_CLOSE_TO_OTHER_INDEX;
    for (i = 0; i < t->nindex; i++)
        if (labs(t->index[i] - lbaOffset) < RAW_INDEX_MIN_DISTANCE) return E_IMAPI_RAW_IMAGE_TRACK_INDEX_TOO_CLOSE_TO_OTHER_INDEX;
    for (at = t->nindex; at > 0 && t->index[at - 1] > lbaOffset; at--) t->index[at] = t->index[at - 1];
    t->index[at] = lbaOffset;
    t->nindex++;
    return S_OK;
}

static HRESULT WINAPI raw_track_info_ClearTrackIndex(IRawCDImageTrackInfo *iface, LONG lbaOffset)
{
    struct raw_track *t = track_of(iface);
    unsigned i;

    TRACE("(%p)->(%ld)\n", iface, lbaOffset);
    if (raw_track_info_impl(iface)->image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (lbaOffset == 0) return E_IMAPI_RAW_IMAGE_TRACK_INDEX_OFFSET_ZERO_CANNOT_BE_CLEARED;
    for (i = 0; i < t->nindex && t->index[i] != lbaOffset; i++) ;
    if (i == t->nindex) return E_IMAPI_RAW_IMAGE_TRACK_INDEX_NOT_FOUND;
    memmove(t->index + i, t->index + i + 1, (t->nindex - i - 1) * sizeof(t->index[0]));
    t->nindex--;
    return S_OK;
}

static const IRawCDImageTrackInfoVtbl raw_track_info_vtbl =
{
    raw_track_info_QueryInterface, raw_track_info_AddRef, raw_track_info_Release, raw_track_info_GetTypeInfoCount,
    raw_track_info_GetTypeInfo, raw_track_info_GetIDsOfNames, raw_track_info_Invoke,
    raw_track_info_get_StartingLba, raw_track_info_get_SectorCount, raw_track_info_get_TrackNumber,
    raw_track_info_get_SectorType, raw_track_info_get_ISRC, raw_track_info_put_ISRC,
    raw_track_info_get_DigitalAudioCopySetting, raw_track_info_put_DigitalAudioCopySetting,
    raw_track_info_get_AudioHasPreemphasis, raw_track_info_put_AudioHasPreemphasis,
    raw_track_info_get_TrackIndexes, raw_track_info_AddTrackIndex, raw_track_info_ClearTrackIndex
};

static const struct imapi_iface_entry raw_track_info_ifaces[] =
{
    IMAPI_IFACE(IID_IRawCDImageTrackInfo, struct raw_track_info, IRawCDImageTrackInfo_iface),
    { NULL }
};

static void raw_track_info_destroy(struct imapi_object *obj)
{
    struct raw_track_info *info = CONTAINING_RECORD(obj, struct raw_track_info, obj);
    raw_image_release(info->image);
    free(info);
}

HRESULT raw_image_track_create(struct raw_image *image, unsigned index, IRawCDImageTrackInfo **out)
{
    struct raw_track_info *info = calloc(1, sizeof(*info));

    if (!info) return E_OUTOFMEMORY;
    info->IRawCDImageTrackInfo_iface.lpVtbl = &raw_track_info_vtbl;
    raw_image_addref(image);
    info->image = image;
    info->index = index;
    imapi_object_init(&info->obj, raw_track_info_ifaces, TRUE, raw_track_info_destroy);
    *out = &info->IRawCDImageTrackInfo_iface;
    return S_OK;
}
