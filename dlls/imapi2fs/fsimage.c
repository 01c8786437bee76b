/* MsftFileSystemImage: FIXME describe. */

#include "imapi2fs_private.h"

struct fsimage
{
    struct imapi_object obj;
    IFileSystemImage3 IFileSystemImage3_iface;
};

IMAPI_IUNKNOWN_METHODS(fsimage, IFileSystemImage3, struct fsimage, IFileSystemImage3_iface)
IMAPI_IDISPATCH_METHODS(fsimage, IFileSystemImage3, IID_IFileSystemImage3)

static HRESULT WINAPI fsimage_get_Root(IFileSystemImage3 *This, IFsiDirectoryItem **pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_Root);
}

static HRESULT WINAPI fsimage_get_SessionStartBlock(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_SessionStartBlock);
}

static HRESULT WINAPI fsimage_put_SessionStartBlock(IFileSystemImage3 *This, LONG newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_SessionStartBlock);
}

static HRESULT WINAPI fsimage_get_FreeMediaBlocks(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_FreeMediaBlocks);
}

static HRESULT WINAPI fsimage_put_FreeMediaBlocks(IFileSystemImage3 *This, LONG newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_FreeMediaBlocks);
}

static HRESULT WINAPI fsimage_SetMaxMediaBlocksFromDevice(IFileSystemImage3 *This, IDiscRecorder2 *discRecorder)
{
    return IMAPI_STUB(IFileSystemImage, SetMaxMediaBlocksFromDevice);
}

static HRESULT WINAPI fsimage_get_UsedBlocks(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_UsedBlocks);
}

static HRESULT WINAPI fsimage_get_VolumeName(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_VolumeName);
}

static HRESULT WINAPI fsimage_put_VolumeName(IFileSystemImage3 *This, BSTR newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_VolumeName);
}

static HRESULT WINAPI fsimage_get_ImportedVolumeName(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_ImportedVolumeName);
}

static HRESULT WINAPI fsimage_get_BootImageOptions(IFileSystemImage3 *This, IBootOptions **pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_BootImageOptions);
}

static HRESULT WINAPI fsimage_put_BootImageOptions(IFileSystemImage3 *This, IBootOptions *newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_BootImageOptions);
}

static HRESULT WINAPI fsimage_get_FileCount(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_FileCount);
}

static HRESULT WINAPI fsimage_get_DirectoryCount(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_DirectoryCount);
}

static HRESULT WINAPI fsimage_get_WorkingDirectory(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_WorkingDirectory);
}

static HRESULT WINAPI fsimage_put_WorkingDirectory(IFileSystemImage3 *This, BSTR newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_WorkingDirectory);
}

static HRESULT WINAPI fsimage_get_ChangePoint(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_ChangePoint);
}

static HRESULT WINAPI fsimage_get_StrictFileSystemCompliance(IFileSystemImage3 *This, VARIANT_BOOL *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_StrictFileSystemCompliance);
}

static HRESULT WINAPI fsimage_put_StrictFileSystemCompliance(IFileSystemImage3 *This, VARIANT_BOOL newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_StrictFileSystemCompliance);
}

static HRESULT WINAPI fsimage_get_UseRestrictedCharacterSet(IFileSystemImage3 *This, VARIANT_BOOL *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_UseRestrictedCharacterSet);
}

static HRESULT WINAPI fsimage_put_UseRestrictedCharacterSet(IFileSystemImage3 *This, VARIANT_BOOL newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_UseRestrictedCharacterSet);
}

static HRESULT WINAPI fsimage_get_FileSystemsToCreate(IFileSystemImage3 *This, FsiFileSystems *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_FileSystemsToCreate);
}

static HRESULT WINAPI fsimage_put_FileSystemsToCreate(IFileSystemImage3 *This, FsiFileSystems newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_FileSystemsToCreate);
}

static HRESULT WINAPI fsimage_get_FileSystemsSupported(IFileSystemImage3 *This, FsiFileSystems *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_FileSystemsSupported);
}

static HRESULT WINAPI fsimage_put_UDFRevision(IFileSystemImage3 *This, LONG newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_UDFRevision);
}

static HRESULT WINAPI fsimage_get_UDFRevision(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_UDFRevision);
}

static HRESULT WINAPI fsimage_get_UDFRevisionsSupported(IFileSystemImage3 *This, SAFEARRAY **pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_UDFRevisionsSupported);
}

static HRESULT WINAPI fsimage_ChooseImageDefaults(IFileSystemImage3 *This, IDiscRecorder2 *discRecorder)
{
    return IMAPI_STUB(IFileSystemImage, ChooseImageDefaults);
}

static HRESULT WINAPI fsimage_ChooseImageDefaultsForMediaType(IFileSystemImage3 *This, IMAPI_MEDIA_PHYSICAL_TYPE value)
{
    return IMAPI_STUB(IFileSystemImage, ChooseImageDefaultsForMediaType);
}

static HRESULT WINAPI fsimage_put_ISO9660InterchangeLevel(IFileSystemImage3 *This, LONG newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_ISO9660InterchangeLevel);
}

static HRESULT WINAPI fsimage_get_ISO9660InterchangeLevel(IFileSystemImage3 *This, LONG *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_ISO9660InterchangeLevel);
}

static HRESULT WINAPI fsimage_get_ISO9660InterchangeLevelsSupported(IFileSystemImage3 *This, SAFEARRAY **pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_ISO9660InterchangeLevelsSupported);
}

static HRESULT WINAPI fsimage_CreateResultImage(IFileSystemImage3 *This, IFileSystemImageResult **resultStream)
{
    return IMAPI_STUB(IFileSystemImage, CreateResultImage);
}

static HRESULT WINAPI fsimage_Exists(IFileSystemImage3 *This, BSTR fullPath, FsiItemType *itemType)
{
    return IMAPI_STUB(IFileSystemImage, Exists);
}

static HRESULT WINAPI fsimage_CalculateDiscIdentifier(IFileSystemImage3 *This, BSTR *discIdentifier)
{
    return IMAPI_STUB(IFileSystemImage, CalculateDiscIdentifier);
}

static HRESULT WINAPI fsimage_IdentifyFileSystemsOnDisc(IFileSystemImage3 *This, IDiscRecorder2 *discRecorder, FsiFileSystems *fileSystems)
{
    return IMAPI_STUB(IFileSystemImage, IdentifyFileSystemsOnDisc);
}

static HRESULT WINAPI fsimage_GetDefaultFileSystemForImport(IFileSystemImage3 *This, FsiFileSystems fileSystems, FsiFileSystems *importDefault)
{
    return IMAPI_STUB(IFileSystemImage, GetDefaultFileSystemForImport);
}

static HRESULT WINAPI fsimage_ImportFileSystem(IFileSystemImage3 *This, FsiFileSystems *importedFileSystem)
{
    return IMAPI_STUB(IFileSystemImage, ImportFileSystem);
}

static HRESULT WINAPI fsimage_ImportSpecificFileSystem(IFileSystemImage3 *This, FsiFileSystems fileSystemToUse)
{
    return IMAPI_STUB(IFileSystemImage, ImportSpecificFileSystem);
}

static HRESULT WINAPI fsimage_RollbackToChangePoint(IFileSystemImage3 *This, LONG changePoint)
{
    return IMAPI_STUB(IFileSystemImage, RollbackToChangePoint);
}

static HRESULT WINAPI fsimage_LockInChangePoint(IFileSystemImage3 *This)
{
    return IMAPI_STUB(IFileSystemImage, LockInChangePoint);
}

static HRESULT WINAPI fsimage_CreateDirectoryItem(IFileSystemImage3 *This, BSTR name, IFsiDirectoryItem **newItem)
{
    return IMAPI_STUB(IFileSystemImage, CreateDirectoryItem);
}

static HRESULT WINAPI fsimage_CreateFileItem(IFileSystemImage3 *This, BSTR name, IFsiFileItem **newItem)
{
    return IMAPI_STUB(IFileSystemImage, CreateFileItem);
}

static HRESULT WINAPI fsimage_get_VolumeNameUDF(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_VolumeNameUDF);
}

static HRESULT WINAPI fsimage_get_VolumeNameJoliet(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_VolumeNameJoliet);
}

static HRESULT WINAPI fsimage_get_VolumeNameISO9660(IFileSystemImage3 *This, BSTR *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_VolumeNameISO9660);
}

static HRESULT WINAPI fsimage_get_StageFiles(IFileSystemImage3 *This, VARIANT_BOOL *pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_StageFiles);
}

static HRESULT WINAPI fsimage_put_StageFiles(IFileSystemImage3 *This, VARIANT_BOOL newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_StageFiles);
}

static HRESULT WINAPI fsimage_get_MultisessionInterfaces(IFileSystemImage3 *This, SAFEARRAY **pVal)
{
    return IMAPI_STUB(IFileSystemImage, get_MultisessionInterfaces);
}

static HRESULT WINAPI fsimage_put_MultisessionInterfaces(IFileSystemImage3 *This, SAFEARRAY *newVal)
{
    return IMAPI_STUB(IFileSystemImage, put_MultisessionInterfaces);
}

static HRESULT WINAPI fsimage_get_BootImageOptionsArray(IFileSystemImage3 *This, SAFEARRAY **pVal)
{
    return IMAPI_STUB(IFileSystemImage2, get_BootImageOptionsArray);
}

static HRESULT WINAPI fsimage_put_BootImageOptionsArray(IFileSystemImage3 *This, SAFEARRAY *newVal)
{
    return IMAPI_STUB(IFileSystemImage2, put_BootImageOptionsArray);
}

static HRESULT WINAPI fsimage_get_CreateRedundantUdfMetadataFiles(IFileSystemImage3 *This, VARIANT_BOOL *pVal)
{
    return IMAPI_STUB(IFileSystemImage3, get_CreateRedundantUdfMetadataFiles);
}

static HRESULT WINAPI fsimage_put_CreateRedundantUdfMetadataFiles(IFileSystemImage3 *This, VARIANT_BOOL newVal)
{
    return IMAPI_STUB(IFileSystemImage3, put_CreateRedundantUdfMetadataFiles);
}

static HRESULT WINAPI fsimage_ProbeSpecificFileSystem(IFileSystemImage3 *This, FsiFileSystems fileSystemToProbe, VARIANT_BOOL *isAppendable)
{
    return IMAPI_STUB(IFileSystemImage3, ProbeSpecificFileSystem);
}

static const IFileSystemImage3Vtbl fsimage_vtbl =
{
    fsimage_QueryInterface, fsimage_AddRef, fsimage_Release, fsimage_GetTypeInfoCount, fsimage_GetTypeInfo,
    fsimage_GetIDsOfNames, fsimage_Invoke, fsimage_get_Root, fsimage_get_SessionStartBlock,
    fsimage_put_SessionStartBlock, fsimage_get_FreeMediaBlocks, fsimage_put_FreeMediaBlocks,
    fsimage_SetMaxMediaBlocksFromDevice, fsimage_get_UsedBlocks, fsimage_get_VolumeName,
    fsimage_put_VolumeName, fsimage_get_ImportedVolumeName, fsimage_get_BootImageOptions,
    fsimage_put_BootImageOptions, fsimage_get_FileCount, fsimage_get_DirectoryCount,
    fsimage_get_WorkingDirectory, fsimage_put_WorkingDirectory, fsimage_get_ChangePoint,
    fsimage_get_StrictFileSystemCompliance, fsimage_put_StrictFileSystemCompliance,
    fsimage_get_UseRestrictedCharacterSet, fsimage_put_UseRestrictedCharacterSet,
    fsimage_get_FileSystemsToCreate, fsimage_put_FileSystemsToCreate, fsimage_get_FileSystemsSupported,
    fsimage_put_UDFRevision, fsimage_get_UDFRevision, fsimage_get_UDFRevisionsSupported,
    fsimage_ChooseImageDefaults, fsimage_ChooseImageDefaultsForMediaType, fsimage_put_ISO9660InterchangeLevel,
    fsimage_get_ISO9660InterchangeLevel, fsimage_get_ISO9660InterchangeLevelsSupported,
    fsimage_CreateResultImage, fsimage_Exists, fsimage_CalculateDiscIdentifier,
    fsimage_IdentifyFileSystemsOnDisc, fsimage_GetDefaultFileSystemForImport, fsimage_ImportFileSystem,
    fsimage_ImportSpecificFileSystem, fsimage_RollbackToChangePoint, fsimage_LockInChangePoint,
    fsimage_CreateDirectoryItem, fsimage_CreateFileItem, fsimage_get_VolumeNameUDF,
    fsimage_get_VolumeNameJoliet, fsimage_get_VolumeNameISO9660, fsimage_get_StageFiles,
    fsimage_put_StageFiles, fsimage_get_MultisessionInterfaces, fsimage_put_MultisessionInterfaces,
    fsimage_get_BootImageOptionsArray, fsimage_put_BootImageOptionsArray,
    fsimage_get_CreateRedundantUdfMetadataFiles, fsimage_put_CreateRedundantUdfMetadataFiles,
    fsimage_ProbeSpecificFileSystem
};

static const struct imapi_iface_entry fsimage_ifaces[] =
{
    IMAPI_IFACE(IID_IFileSystemImage3, struct fsimage, IFileSystemImage3_iface),
    IMAPI_IFACE(IID_IFileSystemImage2, struct fsimage, IFileSystemImage3_iface),
    IMAPI_IFACE(IID_IFileSystemImage, struct fsimage, IFileSystemImage3_iface),
    { NULL }
};

static void fsimage_destroy(struct imapi_object *obj)
{
    struct fsimage *This = CONTAINING_RECORD(obj, struct fsimage, obj);
    free(This);
}

HRESULT fsimage_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DFileSystemImageEvents, &IID_DFileSystemImageImportEvents };
    struct fsimage *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IFileSystemImage3_iface.lpVtbl = &fsimage_vtbl;
    imapi_object_init(&This->obj, fsimage_ifaces, TRUE, fsimage_destroy);
    if (FAILED(hr = imapi_cpc_create(&This->obj, sources, ARRAY_SIZE(sources))))
    {
        imapi_object_release(&This->obj);
        return hr;
    }
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
