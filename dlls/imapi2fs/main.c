/* imapi2fs.dll entry points: class objects, registration, unloading. */
#include "imapi2fs_private.h"

IMAPI_DEFAULT_DEBUG_CHANNEL(imapi2fs);

static const struct imapi_class classes[] =
{
    { &CLSID_BootOptions, L"BootOptions", L"IMAPI2FS.BootOptions", boot_options_create },
    { &CLSID_MsftFileSystemImage, L"MsftFileSystemImage", L"IMAPI2FS.MsftFileSystemImage", fsimage_create },
    { &CLSID_MsftIsoImageManager, L"MsftIsoImageManager", L"IMAPI2FS.MsftIsoImageManager", iso_manager_create },
};

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        imapi_module = instance;
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;
        imapi_typelib_release();
        break;
    }
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **ppv)
{
    return imapi_get_class_object(classes, ARRAY_SIZE(classes), clsid, riid, ppv);
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    return imapi_can_unload();
}

HRESULT WINAPI DllRegisterServer(void)
{
    return imapi_register(classes, ARRAY_SIZE(classes));
}

HRESULT WINAPI DllUnregisterServer(void)
{
    return imapi_unregister(classes, ARRAY_SIZE(classes), &LIBID_IMAPI2FS);
}
