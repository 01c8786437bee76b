/* imapi2fs.dll classes; the exports are in dlls/common/dllmain.c. */
#include "imapi2fs_private.h"

IMAPI_DEFAULT_DEBUG_CHANNEL(imapi2fs);

const struct imapi_class imapi_classes[] =
{
    { &CLSID_BootOptions, L"BootOptions", L"IMAPI2FS.BootOptions", boot_options_create },
    { &CLSID_MsftFileSystemImage, L"MsftFileSystemImage", L"IMAPI2FS.MsftFileSystemImage", fsimage_create },
    { &CLSID_MsftIsoImageManager, L"MsftIsoImageManager", L"IMAPI2FS.MsftIsoImageManager", iso_manager_create },
};

const unsigned imapi_class_count = ARRAY_SIZE(imapi_classes);
const GUID *const imapi_libid = &LIBID_IMAPI2FS;
