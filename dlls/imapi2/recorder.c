/* MsftDiscRecorder2: FIXME describe. */

#include "imapi2_private.h"

struct recorder
{
    struct imapi_object obj;
    IDiscRecorder2 IDiscRecorder2_iface;
    IDiscRecorder2Ex IDiscRecorder2Ex_iface;
};

IMAPI_IUNKNOWN_METHODS(recorder, IDiscRecorder2, struct recorder, IDiscRecorder2_iface)
IMAPI_IDISPATCH_METHODS(recorder, IDiscRecorder2, IID_IDiscRecorder2)

static HRESULT WINAPI recorder_EjectMedia(IDiscRecorder2 *This)
{
    return IMAPI_STUB(IDiscRecorder2, EjectMedia);
}

static HRESULT WINAPI recorder_CloseTray(IDiscRecorder2 *This)
{
    return IMAPI_STUB(IDiscRecorder2, CloseTray);
}

static HRESULT WINAPI recorder_AcquireExclusiveAccess(IDiscRecorder2 *This, VARIANT_BOOL force, BSTR clientName)
{
    return IMAPI_STUB(IDiscRecorder2, AcquireExclusiveAccess);
}

static HRESULT WINAPI recorder_ReleaseExclusiveAccess(IDiscRecorder2 *This)
{
    return IMAPI_STUB(IDiscRecorder2, ReleaseExclusiveAccess);
}

static HRESULT WINAPI recorder_DisableMcn(IDiscRecorder2 *This)
{
    return IMAPI_STUB(IDiscRecorder2, DisableMcn);
}

static HRESULT WINAPI recorder_EnableMcn(IDiscRecorder2 *This)
{
    return IMAPI_STUB(IDiscRecorder2, EnableMcn);
}

static HRESULT WINAPI recorder_InitializeDiscRecorder(IDiscRecorder2 *This, BSTR recorderUniqueId)
{
    return IMAPI_STUB(IDiscRecorder2, InitializeDiscRecorder);
}

static HRESULT WINAPI recorder_get_ActiveDiscRecorder(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_ActiveDiscRecorder);
}

static HRESULT WINAPI recorder_get_VendorId(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_VendorId);
}

static HRESULT WINAPI recorder_get_ProductId(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_ProductId);
}

static HRESULT WINAPI recorder_get_ProductRevision(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_ProductRevision);
}

static HRESULT WINAPI recorder_get_VolumeName(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_VolumeName);
}

static HRESULT WINAPI recorder_get_VolumePathNames(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_VolumePathNames);
}

static HRESULT WINAPI recorder_get_DeviceCanLoadMedia(IDiscRecorder2 *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_DeviceCanLoadMedia);
}

static HRESULT WINAPI recorder_get_LegacyDeviceNumber(IDiscRecorder2 *This, LONG *legacyDeviceNumber)
{
    return IMAPI_STUB(IDiscRecorder2, get_LegacyDeviceNumber);
}

static HRESULT WINAPI recorder_get_SupportedFeaturePages(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_SupportedFeaturePages);
}

static HRESULT WINAPI recorder_get_CurrentFeaturePages(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_CurrentFeaturePages);
}

static HRESULT WINAPI recorder_get_SupportedProfiles(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_SupportedProfiles);
}

static HRESULT WINAPI recorder_get_CurrentProfiles(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_CurrentProfiles);
}

static HRESULT WINAPI recorder_get_SupportedModePages(IDiscRecorder2 *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscRecorder2, get_SupportedModePages);
}

static HRESULT WINAPI recorder_get_ExclusiveAccessOwner(IDiscRecorder2 *This, BSTR *value)
{
    return IMAPI_STUB(IDiscRecorder2, get_ExclusiveAccessOwner);
}

static const IDiscRecorder2Vtbl recorder_vtbl =
{
    recorder_QueryInterface, recorder_AddRef, recorder_Release, recorder_GetTypeInfoCount,
    recorder_GetTypeInfo, recorder_GetIDsOfNames, recorder_Invoke, recorder_EjectMedia, recorder_CloseTray,
    recorder_AcquireExclusiveAccess, recorder_ReleaseExclusiveAccess, recorder_DisableMcn, recorder_EnableMcn,
    recorder_InitializeDiscRecorder, recorder_get_ActiveDiscRecorder, recorder_get_VendorId,
    recorder_get_ProductId, recorder_get_ProductRevision, recorder_get_VolumeName,
    recorder_get_VolumePathNames, recorder_get_DeviceCanLoadMedia, recorder_get_LegacyDeviceNumber,
    recorder_get_SupportedFeaturePages, recorder_get_CurrentFeaturePages, recorder_get_SupportedProfiles,
    recorder_get_CurrentProfiles, recorder_get_SupportedModePages, recorder_get_ExclusiveAccessOwner
};

IMAPI_IUNKNOWN_METHODS(recorder_disc_recorder2_ex, IDiscRecorder2Ex, struct recorder, IDiscRecorder2Ex_iface)

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandNoData(IDiscRecorder2Ex *This, BYTE *Cdb, ULONG CdbSize, BYTE SenseBuffer[18], ULONG Timeout)
{
    return IMAPI_STUB(IDiscRecorder2Ex, SendCommandNoData);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandSendDataToDevice(IDiscRecorder2Ex *This, BYTE *Cdb, ULONG CdbSize, BYTE SenseBuffer[18], ULONG Timeout, BYTE *Buffer, ULONG_IMAPI2_NONZERO BufferSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, SendCommandSendDataToDevice);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendCommandGetDataFromDevice(IDiscRecorder2Ex *This, BYTE *Cdb, ULONG CdbSize, BYTE SenseBuffer[18], ULONG Timeout, BYTE *Buffer, ULONG_IMAPI2_NONZERO BufferSize, ULONG_IMAPI2_NOT_NEGATIVE *BufferFetched)
{
    return IMAPI_STUB(IDiscRecorder2Ex, SendCommandGetDataFromDevice);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_ReadDvdStructure(IDiscRecorder2Ex *This, ULONG format, ULONG address, ULONG layer, ULONG agid, BYTE **data, ULONG_IMAPI2_DVD_STRUCTURE *count)
{
    return IMAPI_STUB(IDiscRecorder2Ex, ReadDvdStructure);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SendDvdStructure(IDiscRecorder2Ex *This, ULONG format, BYTE *data, ULONG_IMAPI2_DVD_STRUCTURE count)
{
    return IMAPI_STUB(IDiscRecorder2Ex, SendDvdStructure);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetAdapterDescriptor(IDiscRecorder2Ex *This, BYTE **data, ULONG_IMAPI2_ADAPTER_DESCRIPTOR *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetAdapterDescriptor);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetDeviceDescriptor(IDiscRecorder2Ex *This, BYTE **data, ULONG_IMAPI2_DEVICE_DESCRIPTOR *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetDeviceDescriptor);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetDiscInformation(IDiscRecorder2Ex *This, BYTE **discInformation, ULONG_IMAPI2_DISC_INFORMATION *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetDiscInformation);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetTrackInformation(IDiscRecorder2Ex *This, ULONG address, IMAPI_READ_TRACK_ADDRESS_TYPE addressType, BYTE **trackInformation, ULONG_IMAPI2_TRACK_INFORMATION *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetTrackInformation);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetFeaturePage(IDiscRecorder2Ex *This, IMAPI_FEATURE_PAGE_TYPE requestedFeature, BOOLEAN currentFeatureOnly, BYTE **featureData, ULONG_IMAPI2_FEATURE_PAGE *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetFeaturePage);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetModePage(IDiscRecorder2Ex *This, IMAPI_MODE_PAGE_TYPE requestedModePage, IMAPI_MODE_PAGE_REQUEST_TYPE requestType, BYTE **modePageData, ULONG_IMAPI2_MODE_PAGE *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetModePage);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_SetModePage(IDiscRecorder2Ex *This, IMAPI_MODE_PAGE_REQUEST_TYPE requestType, BYTE *data, ULONG_IMAPI2_MODE_PAGE byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, SetModePage);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedFeaturePages(IDiscRecorder2Ex *This, BOOLEAN currentFeatureOnly, IMAPI_FEATURE_PAGE_TYPE **featureData, ULONG_IMAPI2_ALL_FEATURE_PAGES *byteSize)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetSupportedFeaturePages);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedProfiles(IDiscRecorder2Ex *This, BOOLEAN currentOnly, IMAPI_PROFILE_TYPE **profileTypes, ULONG_IMAPI2_ALL_PROFILES *validProfiles)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetSupportedProfiles);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetSupportedModePages(IDiscRecorder2Ex *This, IMAPI_MODE_PAGE_REQUEST_TYPE requestType, IMAPI_MODE_PAGE_TYPE **modePageTypes, ULONG_IMAPI2_ALL_MODE_PAGES *validPages)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetSupportedModePages);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetByteAlignmentMask(IDiscRecorder2Ex *This, ULONG *value)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetByteAlignmentMask);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetMaximumNonPageAlignedTransferSize(IDiscRecorder2Ex *This, ULONG *value)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetMaximumNonPageAlignedTransferSize);
}

static HRESULT WINAPI recorder_disc_recorder2_ex_GetMaximumPageAlignedTransferSize(IDiscRecorder2Ex *This, ULONG *value)
{
    return IMAPI_STUB(IDiscRecorder2Ex, GetMaximumPageAlignedTransferSize);
}

static const IDiscRecorder2ExVtbl recorder_disc_recorder2_ex_vtbl =
{
    recorder_disc_recorder2_ex_QueryInterface, recorder_disc_recorder2_ex_AddRef,
    recorder_disc_recorder2_ex_Release, recorder_disc_recorder2_ex_SendCommandNoData,
    recorder_disc_recorder2_ex_SendCommandSendDataToDevice,
    recorder_disc_recorder2_ex_SendCommandGetDataFromDevice, recorder_disc_recorder2_ex_ReadDvdStructure,
    recorder_disc_recorder2_ex_SendDvdStructure, recorder_disc_recorder2_ex_GetAdapterDescriptor,
    recorder_disc_recorder2_ex_GetDeviceDescriptor, recorder_disc_recorder2_ex_GetDiscInformation,
    recorder_disc_recorder2_ex_GetTrackInformation, recorder_disc_recorder2_ex_GetFeaturePage,
    recorder_disc_recorder2_ex_GetModePage, recorder_disc_recorder2_ex_SetModePage,
    recorder_disc_recorder2_ex_GetSupportedFeaturePages, recorder_disc_recorder2_ex_GetSupportedProfiles,
    recorder_disc_recorder2_ex_GetSupportedModePages, recorder_disc_recorder2_ex_GetByteAlignmentMask,
    recorder_disc_recorder2_ex_GetMaximumNonPageAlignedTransferSize,
    recorder_disc_recorder2_ex_GetMaximumPageAlignedTransferSize
};

static const struct imapi_iface_entry recorder_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscRecorder2, struct recorder, IDiscRecorder2_iface),
    IMAPI_IFACE(IID_IDiscRecorder2Ex, struct recorder, IDiscRecorder2Ex_iface),
    { NULL }
};

static void recorder_destroy(struct imapi_object *obj)
{
    struct recorder *This = CONTAINING_RECORD(obj, struct recorder, obj);
    free(This);
}

HRESULT recorder_create(REFIID riid, void **ppv)
{
    struct recorder *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IDiscRecorder2_iface.lpVtbl = &recorder_vtbl;
    This->IDiscRecorder2Ex_iface.lpVtbl = &recorder_disc_recorder2_ex_vtbl;
    imapi_object_init(&This->obj, recorder_ifaces, TRUE, recorder_destroy);
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
