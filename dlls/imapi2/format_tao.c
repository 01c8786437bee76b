/* MsftDiscFormat2TrackAtOnce: writes audio tracks Track-At-Once. The burn comes with its
 * own issue; the client name set beforehand is kept here (no media is ever prepared yet). */

#include "format_common.h"

static const struct format_codes format_tao_codes =
{
    E_IMAPI_DF2TAO_RECORDER_NOT_SUPPORTED, E_IMAPI_DF2TAO_WRITE_IN_PROGRESS,
    E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID
};

struct format_tao
{
    struct imapi_object obj;
    IDiscFormat2TrackAtOnce IDiscFormat2TrackAtOnce_iface;
    struct format_base base;
    IBurnVerification IBurnVerification_iface;
};

IMAPI_IUNKNOWN_METHODS(format_tao, IDiscFormat2TrackAtOnce, struct format_tao, IDiscFormat2TrackAtOnce_iface)
IMAPI_IDISPATCH_METHODS(format_tao, IDiscFormat2TrackAtOnce, IID_IDiscFormat2TrackAtOnce)
FORMAT_IDISCFORMAT2_METHODS(format_tao, IDiscFormat2TrackAtOnce, struct format_tao, base)

static HRESULT WINAPI format_tao_PrepareMedia(IDiscFormat2TrackAtOnce *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, PrepareMedia);
}

static HRESULT WINAPI format_tao_AddAudioTrack(IDiscFormat2TrackAtOnce *iface, IStream *data)
{
    TRACE("(%p)->(%p)\n", iface, data);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, AddAudioTrack);
}

static HRESULT WINAPI format_tao_CancelAddTrack(IDiscFormat2TrackAtOnce *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, CancelAddTrack);
}

static HRESULT WINAPI format_tao_ReleaseMedia(IDiscFormat2TrackAtOnce *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, ReleaseMedia);
}

static HRESULT WINAPI format_tao_SetWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG RequestedSectorsPerSecond, VARIANT_BOOL RotationTypeIsPureCAV)
{
    TRACE("(%p)->(%ld %d)\n", iface, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, SetWriteSpeed);
}

static HRESULT WINAPI format_tao_put_BufferUnderrunFreeDisabled(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, put_BufferUnderrunFreeDisabled);
}

static HRESULT WINAPI format_tao_get_BufferUnderrunFreeDisabled(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_BufferUnderrunFreeDisabled);
}

static HRESULT WINAPI format_tao_get_NumberOfExistingTracks(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_NumberOfExistingTracks);
}

static HRESULT WINAPI format_tao_get_TotalSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_TotalSectorsOnMedia);
}

static HRESULT WINAPI format_tao_get_FreeSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_FreeSectorsOnMedia);
}

static HRESULT WINAPI format_tao_get_UsedSectorsOnMedia(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_UsedSectorsOnMedia);
}

static HRESULT WINAPI format_tao_put_DoNotFinalizeMedia(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, put_DoNotFinalizeMedia);
}

static HRESULT WINAPI format_tao_get_DoNotFinalizeMedia(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_DoNotFinalizeMedia);
}

static HRESULT WINAPI format_tao_get_ExpectedTableOfContents(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_ExpectedTableOfContents);
}

static HRESULT WINAPI format_tao_get_CurrentPhysicalMediaType(IDiscFormat2TrackAtOnce *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_tao_impl(iface)->base, value);
}

static HRESULT WINAPI format_tao_get_RequestedWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_RequestedWriteSpeed);
}

static HRESULT WINAPI format_tao_get_RequestedRotationTypeIsPureCAV(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_RequestedRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_tao_get_CurrentWriteSpeed(IDiscFormat2TrackAtOnce *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_CurrentWriteSpeed);
}

static HRESULT WINAPI format_tao_get_CurrentRotationTypeIsPureCAV(IDiscFormat2TrackAtOnce *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_CurrentRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_tao_get_SupportedWriteSpeeds(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **supportedSpeeds)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeeds);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_SupportedWriteSpeeds);
}

static HRESULT WINAPI format_tao_get_SupportedWriteSpeedDescriptors(IDiscFormat2TrackAtOnce *iface, SAFEARRAY **supportedSpeedDescriptors)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeedDescriptors);
    return IMAPI_STUB(IDiscFormat2TrackAtOnce, get_SupportedWriteSpeedDescriptors);
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
    TRACE("(%p)->(%d)\n", iface, value);
    return IMAPI_STUB(IBurnVerification, put_BurnVerificationLevel);
}

static HRESULT WINAPI format_tao_burn_verification_get_BurnVerificationLevel(IBurnVerification *iface, IMAPI_BURN_VERIFICATION_LEVEL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IBurnVerification, get_BurnVerificationLevel);
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
    imapi_object_init(&format->obj, format_tao_ifaces, TRUE, format_tao_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
