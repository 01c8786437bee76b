/* MsftRawCDImageCreator: builds disc-at-once raw images of audio tracks for
 * IDiscFormat2RawCD. The tracks (streams of 2352-byte CD-DA sectors) are kept as given;
 * CreateResultImage hands out a stream that generates the image as it is read, from
 * MSF 95:00:00 in the lead-in to the end of the lead-out (raw_image_stream.c).
 *
 * Decisions where the documentation is silent ([undoc], tested in winetest/raw_image.c):
 *  - AddTrack returns the track's index 1..N (the argument TrackInfo takes); a stream
 *    whose Stat fails or that is not whole 2352-byte sectors, or under 4 s (300 sectors):
 *    E_INVALIDARG; a track that would end past StartOfLeadoutLimit: _INSUFFICIENT_SPACE;
 *    more tracks than fit up to track 99 (StartingTrackNumber + N): _TOO_MANY_TRACKS;
 *  - StartOfLeadoutLimit default: 398,099 (the latest lead-out start the docs allow);
 *    values outside 0..398,099: E_INVALIDARG; below the current lead-out: _INSUFFICIENT_SPACE;
 *  - DisableGaplessAudio FALSE (default): a 2 s silent pre-gap before every track after the
 *    first; TRUE: gapless, each later track's pre-gap is the last 2 s of the previous
 *    track's audio. Changing it, StartingTrackNumber or the special pre-gap once tracks
 *    were added: _TRACKS_ALREADY_ADDED;
 *  - MediaCatalogNumber: up to 13 digits (leading zeros may be left out) with a valid
 *    EAN-13 check digit, else E_INVALIDARG; "" clears it; read back as 13 digits or "";
 *  - an R-W generator with ResultingImageType PQ_ONLY (either order):
 *    _SECTOR_TYPE_NOT_SUPPORTED; a generator whose size is not image sectors * 96 at
 *    CreateResultImage: E_INVALIDARG;
 *  - StartOfLeadout, LastUsedUserSectorInImage, ExpectedTableOfContents without tracks:
 *    _NO_TRACKS; ExpectedTableOfContents: SAFEARRAY of VARIANT VT_UI1 (READ TOC format 0);
 *  - every setter after CreateResultImage, and CreateResultImage again: _IS_READ_ONLY. */

#include "raw_image.h"

IMAPI_IUNKNOWN_METHODS(raw_image, IRawCDImageCreator, struct raw_image, IRawCDImageCreator_iface)
IMAPI_IDISPATCH_METHODS(raw_image, IRawCDImageCreator, IID_IRawCDImageCreator)

static HRESULT get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}

void raw_image_addref(struct raw_image *image) { IRawCDImageCreator_AddRef(&image->IRawCDImageCreator_iface); }
void raw_image_release(struct raw_image *image) { IRawCDImageCreator_Release(&image->IRawCDImageCreator_iface); }

cd_layout *raw_image_layout(const struct raw_image *image)
{
    cd_layout *l = calloc(1, sizeof(*l));
    unsigned i, k;

    if (!l) return NULL;
    memcpy(l->mcn, image->mcn, sizeof(l->mcn));
    for (i = 0; i < image->ntracks; i++)
    {
        const struct raw_track *t = &image->tracks[i];
        cd_track *c;
        cd_image_layout_add(l, (uint8_t)(image->starting_track_number + i), t->sectors,
                            i && image->disable_gapless_audio, image->pregap_sectors);
        c = &l->tracks[i];
        c->control = (uint8_t)((t->copy == IMAPI_CD_TRACK_DIGITAL_COPY_PERMITTED ? CD_CTL_COPY_PERMITTED : 0) |
                               (t->preemphasis ? CD_CTL_PREEMPHASIS : 0));
        memcpy(c->isrc, t->isrc, sizeof(c->isrc));
        c->nindex = t->nindex;
        for (k = 0; k < t->nindex; k++) c->index[k] = c->start + t->index[k];
    }
    return l;
}

/* Where the lead-out starts with the tracks so far, and one more of more_sectors. */
static int32_t leadout_with(const struct raw_image *image, uint32_t more_sectors)
{
    cd_layout *l = raw_image_layout(image);
    int32_t end;
    if (!l) return INT32_MAX;
    if (more_sectors && cd_image_layout_add(l, 1, more_sectors, image->ntracks && image->disable_gapless_audio,
                                            image->pregap_sectors))
        end = INT32_MAX;
    else end = l->ntracks ? l->leadout : (int32_t)image->pregap_sectors - CD_PREGAP_FRAMES;
    free(l);
    return end;
}

static HRESULT stream_sectors(IStream *data, uint32_t *sectors)
{
    STATSTG stat;
    memset(&stat, 0, sizeof(stat));
    if (FAILED(IStream_Stat(data, &stat, STATFLAG_NONAME)) || !stat.cbSize.QuadPart ||
        stat.cbSize.QuadPart % CD_SECTOR_BYTES || stat.cbSize.QuadPart / CD_SECTOR_BYTES > 0x7FFFFFFF)
        return E_INVALIDARG;
    *sectors = (uint32_t)(stat.cbSize.QuadPart / CD_SECTOR_BYTES);
    return S_OK;
}

static HRESULT WINAPI raw_image_CreateResultImage(IRawCDImageCreator *iface, IStream **resultStream)
{
    struct raw_image *image = raw_image_impl(iface);
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p)\n", iface, resultStream);
    if (!resultStream) return E_POINTER;
    *resultStream = NULL;
    EnterCriticalSection(&image->cs);
    if (image->read_only) hr = E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    else if (!image->ntracks) hr = E_IMAPI_RAW_IMAGE_NO_TRACKS;
    else if (image->rw)
    {
        STATSTG stat;
        cd_layout *l = raw_image_layout(image);
        memset(&stat, 0, sizeof(stat));
        if (!l) hr = E_OUTOFMEMORY;
        else if (FAILED(IStream_Stat(image->rw, &stat, STATFLAG_NONAME)) ||
                 stat.cbSize.QuadPart != (ULONGLONG)cd_image_sectors(l) * CD_SUBCODE_BYTES)
            hr = E_INVALIDARG;
        free(l);
    }
    if (SUCCEEDED(hr))
    {
        image->read_only = TRUE;
        if (FAILED(hr = raw_image_stream_create(image, resultStream))) image->read_only = FALSE;
    }
    LeaveCriticalSection(&image->cs);
    return hr;
}

static HRESULT WINAPI raw_image_AddTrack(IRawCDImageCreator *iface, IMAPI_CD_SECTOR_TYPE dataType, IStream *data, LONG *trackIndex)
{
    struct raw_image *image = raw_image_impl(iface);
    uint32_t sectors = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%d %p %p)\n", iface, dataType, data, trackIndex);
    if (!data || !trackIndex) return E_POINTER;
    *trackIndex = 0;
    EnterCriticalSection(&image->cs);
    if (image->read_only) hr = E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    else if (dataType != IMAPI_CD_SECTOR_AUDIO) hr = E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED;
    else if (image->ntracks >= CD_MAX_TRACKS || image->starting_track_number + (LONG)image->ntracks > CD_MAX_TRACKS)
        hr = E_IMAPI_RAW_IMAGE_TOO_MANY_TRACKS;
    else if (FAILED(hr = stream_sectors(data, &sectors))) ;
    else if (sectors < CD_MIN_TRACK_FRAMES) hr = E_INVALIDARG;
    else if (leadout_with(image, sectors) > image->leadout_limit) hr = E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE;
    else
    {
        struct raw_track *t = &image->tracks[image->ntracks];
        memset(t, 0, sizeof(*t));
        IStream_AddRef(data);
        t->data = data;
        t->sectors = sectors;
        t->copy = IMAPI_CD_TRACK_DIGITAL_COPY_PERMITTED;
        *trackIndex = (LONG)++image->ntracks;
    }
    LeaveCriticalSection(&image->cs);
    return hr;
}

static HRESULT WINAPI raw_image_AddSpecialPregap(IRawCDImageCreator *iface, IStream *data)
{
    struct raw_image *image = raw_image_impl(iface);
    uint32_t sectors = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p)\n", iface, data);
    if (!data) return E_POINTER;
    EnterCriticalSection(&image->cs);
    if (image->read_only) hr = E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    else if (image->ntracks) hr = E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED;
    else if (FAILED(hr = stream_sectors(data, &sectors))) ;
    else if (sectors < CD_PREGAP_FRAMES) hr = E_INVALIDARG;
    /* room for a 4 s track after it: the pre-gap ends by 397,799 (88:25:74) */
    else if ((int32_t)sectors - CD_PREGAP_FRAMES + CD_MIN_TRACK_FRAMES > image->leadout_limit)
        hr = E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE;
    else
    {
        IStream_AddRef(data);
        if (image->special_pregap) IStream_Release(image->special_pregap);
        image->special_pregap = data;
        image->pregap_sectors = sectors;
    }
    LeaveCriticalSection(&image->cs);
    return hr;
}

static HRESULT WINAPI raw_image_AddSubcodeRWGenerator(IRawCDImageCreator *iface, IStream *subcode)
{
    struct raw_image *image = raw_image_impl(iface);
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p)\n", iface, subcode);
    if (!subcode) return E_POINTER;
    EnterCriticalSection(&image->cs);
    if (image->read_only) hr = E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    else if (image->resulting_image_type == IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY) hr = E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED;
    else
    {
        IStream_AddRef(subcode);
        if (image->rw) IStream_Release(image->rw);
        image->rw = subcode;
    }
    LeaveCriticalSection(&image->cs);
    return hr;
}

static HRESULT WINAPI raw_image_put_ResultingImageType(IRawCDImageCreator *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%d)\n", iface, value);
    if (image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (value < IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY || value > IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW)
        return E_INVALIDARG;
    if (value == IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY && image->rw) return E_IMAPI_RAW_IMAGE_SECTOR_TYPE_NOT_SUPPORTED;
    image->resulting_image_type = value;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_ResultingImageType(IRawCDImageCreator *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = raw_image_impl(iface)->resulting_image_type;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_StartOfLeadout(IRawCDImageCreator *iface, LONG *value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (!image->ntracks) return E_IMAPI_RAW_IMAGE_NO_TRACKS;
    *value = leadout_with(image, 0);
    return S_OK;
}

static HRESULT WINAPI raw_image_put_StartOfLeadoutLimit(IRawCDImageCreator *iface, LONG value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%ld)\n", iface, value);
    if (image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (value < 0 || value > CD_MAX_LEADOUT_START) return E_INVALIDARG;
    if (image->ntracks && value < leadout_with(image, 0)) return E_IMAPI_RAW_IMAGE_INSUFFICIENT_SPACE;
    image->leadout_limit = value;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_StartOfLeadoutLimit(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(raw_image_impl(iface)->leadout_limit, value);
}

static HRESULT WINAPI raw_image_put_DisableGaplessAudio(IRawCDImageCreator *iface, VARIANT_BOOL value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%d)\n", iface, value);
    if (image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (image->ntracks) return E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED;
    image->disable_gapless_audio = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_DisableGaplessAudio(IRawCDImageCreator *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = raw_image_impl(iface)->disable_gapless_audio ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

/* EAN-13: weights 1 and 3 from the left over the first 12 digits; the 13th completes
 * the sum to a multiple of 10. */
static BOOL mcn_check_digit_ok(const char *d)
{
    unsigned i, sum = 0;
    for (i = 0; i < 12; i++) sum += (unsigned)(d[i] - '0') * (i % 2 ? 3 : 1);
    return (10 - sum % 10) % 10 == (unsigned)(d[12] - '0');
}

/* [undoc] The page only says a bad MCN "will be rejected". IMAPI2 has one error for it,
 * E_IMAPI_DF2TAO_INVALID_MCN ("the provided media catalog number is not valid"), and
 * this property is the only place an MCN is given to IMAPI2, so that is the answer
 * here (not E_INVALIDARG). */
static HRESULT WINAPI raw_image_put_MediaCatalogNumber(IRawCDImageCreator *iface, BSTR value)
{
    struct raw_image *image = raw_image_impl(iface);
    char digits[14];
    UINT len, i;

    TRACE("(%p)->(%s)\n", iface, debugstr_w(value));
    if (image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    len = value ? SysStringLen(value) : 0;
    if (!len) { image->mcn[0] = 0; return S_OK; }
    if (len > 13) return E_IMAPI_DF2TAO_INVALID_MCN;
    memset(digits, '0', 13);
    digits[13] = 0;
    for (i = 0; i < len; i++)
    {
        if (value[i] < '0' || value[i] > '9') return E_IMAPI_DF2TAO_INVALID_MCN;
        digits[13 - len + i] = (char)value[i];
    }
    if (!mcn_check_digit_ok(digits)) return E_IMAPI_DF2TAO_INVALID_MCN;
    memcpy(image->mcn, digits, sizeof(digits));
    return S_OK;
}

static HRESULT WINAPI raw_image_get_MediaCatalogNumber(IRawCDImageCreator *iface, BSTR *value)
{
    struct raw_image *image = raw_image_impl(iface);
    WCHAR text[14];
    unsigned i;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    for (i = 0; i < 14; i++) text[i] = (WCHAR)image->mcn[i];
    *value = SysAllocString(text);
    return *value ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI raw_image_put_StartingTrackNumber(IRawCDImageCreator *iface, LONG value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%ld)\n", iface, value);
    if (image->read_only) return E_IMAPI_RAW_IMAGE_IS_READ_ONLY;
    if (image->ntracks) return E_IMAPI_RAW_IMAGE_TRACKS_ALREADY_ADDED;
    /* CD track numbers run 1..99. */
    if (value < 1 || value > 99) return E_INVALIDARG;
    image->starting_track_number = value;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_StartingTrackNumber(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(raw_image_impl(iface)->starting_track_number, value);
}

static HRESULT WINAPI raw_image_get_TrackInfo(IRawCDImageCreator *iface, LONG trackIndex, IRawCDImageTrackInfo **value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%ld %p)\n", iface, trackIndex, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (trackIndex < 1 || trackIndex > (LONG)image->ntracks) return E_INVALIDARG;
    return raw_image_track_create(image, (unsigned)trackIndex - 1, value);
}

static HRESULT WINAPI raw_image_get_NumberOfExistingTracks(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long((LONG)raw_image_impl(iface)->ntracks, value);
}

static HRESULT WINAPI raw_image_get_LastUsedUserSectorInImage(IRawCDImageCreator *iface, LONG *value)
{
    struct raw_image *image = raw_image_impl(iface);
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    if (!image->ntracks) return E_IMAPI_RAW_IMAGE_NO_TRACKS;
    *value = leadout_with(image, 0) - 1;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_ExpectedTableOfContents(IRawCDImageCreator *iface, SAFEARRAY **value)
{
    struct raw_image *image = raw_image_impl(iface);
    uint8_t toc[4 + 8 * (CD_MAX_TRACKS + 1)];
    cd_layout *l;
    VARIANT *data;
    size_t len, i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = NULL;
    if (!image->ntracks) return E_IMAPI_RAW_IMAGE_NO_TRACKS;
    if (!(l = raw_image_layout(image))) return E_OUTOFMEMORY;
    len = cd_toc_format0(l, toc, sizeof(toc));
    free(l);
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

static const IRawCDImageCreatorVtbl raw_image_vtbl =
{
    raw_image_QueryInterface, raw_image_AddRef, raw_image_Release, raw_image_GetTypeInfoCount,
    raw_image_GetTypeInfo, raw_image_GetIDsOfNames, raw_image_Invoke, raw_image_CreateResultImage,
    raw_image_AddTrack, raw_image_AddSpecialPregap, raw_image_AddSubcodeRWGenerator,
    raw_image_put_ResultingImageType, raw_image_get_ResultingImageType, raw_image_get_StartOfLeadout,
    raw_image_put_StartOfLeadoutLimit, raw_image_get_StartOfLeadoutLimit, raw_image_put_DisableGaplessAudio,
    raw_image_get_DisableGaplessAudio, raw_image_put_MediaCatalogNumber, raw_image_get_MediaCatalogNumber,
    raw_image_put_StartingTrackNumber, raw_image_get_StartingTrackNumber, raw_image_get_TrackInfo,
    raw_image_get_NumberOfExistingTracks, raw_image_get_LastUsedUserSectorInImage,
    raw_image_get_ExpectedTableOfContents
};

static const struct imapi_iface_entry raw_image_ifaces[] =
{
    IMAPI_IFACE(IID_IRawCDImageCreator, struct raw_image, IRawCDImageCreator_iface),
    { NULL }
};

static void raw_image_destroy(struct imapi_object *obj)
{
    struct raw_image *image = CONTAINING_RECORD(obj, struct raw_image, obj);
    unsigned i;
    for (i = 0; i < image->ntracks; i++) IStream_Release(image->tracks[i].data);
    if (image->special_pregap) IStream_Release(image->special_pregap);
    if (image->rw) IStream_Release(image->rw);
    DeleteCriticalSection(&image->cs);
    free(image);
}

C_ASSERT((int)CD_SUB_PQ == (int)IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY && (int)CD_SUB_RAW == (int)IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW);

HRESULT raw_image_create(REFIID riid, void **ppv)
{
    struct raw_image *image;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(image = calloc(1, sizeof(*image)))) return E_OUTOFMEMORY;
    image->IRawCDImageCreator_iface.lpVtbl = &raw_image_vtbl;
    InitializeCriticalSection(&image->cs);
    /* Defaults [undoc]: cooked subcode, as IDiscFormat2RawCD's RequestedSectorType; track 1. */
    image->resulting_image_type = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED;
    image->starting_track_number = 1;
    image->leadout_limit = CD_MAX_LEADOUT_START;
    image->pregap_sectors = CD_PREGAP_FRAMES;
    imapi_object_init(&image->obj, raw_image_ifaces, TRUE, raw_image_destroy);
    return imapi_object_create_done(&image->obj, NULL, 0, riid, ppv);
}
