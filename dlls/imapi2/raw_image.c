/* MsftRawCDImageCreator: builds Disc-At-Once raw images from audio tracks. Tracks and
 * the image come with the raw-CD issue; the image options are kept here. */

#include "imapi2_private.h"

struct raw_image
{
    struct imapi_object obj;
    IRawCDImageCreator IRawCDImageCreator_iface;
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE resulting_image_type;
    BOOL disable_gapless_audio;
    LONG starting_track_number;
};

IMAPI_IUNKNOWN_METHODS(raw_image, IRawCDImageCreator, struct raw_image, IRawCDImageCreator_iface)
IMAPI_IDISPATCH_METHODS(raw_image, IRawCDImageCreator, IID_IRawCDImageCreator)

/* No track can be added yet (AddTrack is not implemented), so the options that must
 * be set before the first track are always settable. */

static HRESULT WINAPI raw_image_CreateResultImage(IRawCDImageCreator *iface, IStream **resultStream)
{
    TRACE("(%p)->(%p)\n", iface, resultStream);
    return IMAPI_STUB(IRawCDImageCreator, CreateResultImage);
}

static HRESULT WINAPI raw_image_AddTrack(IRawCDImageCreator *iface, IMAPI_CD_SECTOR_TYPE dataType, IStream *data, LONG *trackIndex)
{
    TRACE("(%p)->(%d %p %p)\n", iface, dataType, data, trackIndex);
    return IMAPI_STUB(IRawCDImageCreator, AddTrack);
}

static HRESULT WINAPI raw_image_AddSpecialPregap(IRawCDImageCreator *iface, IStream *data)
{
    TRACE("(%p)->(%p)\n", iface, data);
    return IMAPI_STUB(IRawCDImageCreator, AddSpecialPregap);
}

static HRESULT WINAPI raw_image_AddSubcodeRWGenerator(IRawCDImageCreator *iface, IStream *subcode)
{
    TRACE("(%p)->(%p)\n", iface, subcode);
    return IMAPI_STUB(IRawCDImageCreator, AddSubcodeRWGenerator);
}

static HRESULT WINAPI raw_image_put_ResultingImageType(IRawCDImageCreator *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    if (value < IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY || value > IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW)
        return E_INVALIDARG;
    raw_image_impl(iface)->resulting_image_type = value;
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
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, get_StartOfLeadout);
}

static HRESULT WINAPI raw_image_put_StartOfLeadoutLimit(IRawCDImageCreator *iface, LONG value)
{
    TRACE("(%p)->(%ld)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, put_StartOfLeadoutLimit);
}

static HRESULT WINAPI raw_image_get_StartOfLeadoutLimit(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, get_StartOfLeadoutLimit);
}

static HRESULT WINAPI raw_image_put_DisableGaplessAudio(IRawCDImageCreator *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    raw_image_impl(iface)->disable_gapless_audio = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_DisableGaplessAudio(IRawCDImageCreator *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = raw_image_impl(iface)->disable_gapless_audio ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI raw_image_put_MediaCatalogNumber(IRawCDImageCreator *iface, BSTR value)
{
    TRACE("(%p)->(%s)\n", iface, debugstr_w(value));
    return IMAPI_STUB(IRawCDImageCreator, put_MediaCatalogNumber);
}

static HRESULT WINAPI raw_image_get_MediaCatalogNumber(IRawCDImageCreator *iface, BSTR *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, get_MediaCatalogNumber);
}

static HRESULT WINAPI raw_image_put_StartingTrackNumber(IRawCDImageCreator *iface, LONG value)
{
    TRACE("(%p)->(%ld)\n", iface, value);
    /* CD track numbers run 1..99. */
    if (value < 1 || value > 99) return E_INVALIDARG;
    raw_image_impl(iface)->starting_track_number = value;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_StartingTrackNumber(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = raw_image_impl(iface)->starting_track_number;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_TrackInfo(IRawCDImageCreator *iface, LONG trackIndex, IRawCDImageTrackInfo **value)
{
    TRACE("(%p)->(%ld %p)\n", iface, trackIndex, value);
    return IMAPI_STUB(IRawCDImageCreator, get_TrackInfo);
}

static HRESULT WINAPI raw_image_get_NumberOfExistingTracks(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = 0;
    return S_OK;
}

static HRESULT WINAPI raw_image_get_LastUsedUserSectorInImage(IRawCDImageCreator *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, get_LastUsedUserSectorInImage);
}

static HRESULT WINAPI raw_image_get_ExpectedTableOfContents(IRawCDImageCreator *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IRawCDImageCreator, get_ExpectedTableOfContents);
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
    struct raw_image *creator = CONTAINING_RECORD(obj, struct raw_image, obj);
    free(creator);
}

HRESULT raw_image_create(REFIID riid, void **ppv)
{
    struct raw_image *creator;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(creator = calloc(1, sizeof(*creator)))) return E_OUTOFMEMORY;
    creator->IRawCDImageCreator_iface.lpVtbl = &raw_image_vtbl;
    /* Defaults [undoc]: cooked subcode, as IDiscFormat2RawCD's RequestedSectorType; track 1. */
    creator->resulting_image_type = IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED;
    creator->starting_track_number = 1;
    imapi_object_init(&creator->obj, raw_image_ifaces, TRUE, raw_image_destroy);
    return imapi_object_create_done(&creator->obj, NULL, 0, riid, ppv);
}
