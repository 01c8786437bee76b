/* The exports every one of our DLLs has. Each DLL supplies its class table and type
 * library ID (imapi_classes, imapi_class_count, imapi_libid) in its main.c. */
#include "imapi_com.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        imapi_module = instance;
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;  /* process exit: nothing to give back */
        imapi_typelib_release();
        break;
    }
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **ppv)
{
    TRACE("(%s %s %p)\n", debugstr_guid(clsid), debugstr_guid(riid), ppv);
    return imapi_get_class_object(imapi_classes, imapi_class_count, clsid, riid, ppv);
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    TRACE("()\n");
    return imapi_can_unload();
}

HRESULT WINAPI DllRegisterServer(void)
{
    TRACE("()\n");
    return imapi_register(imapi_classes, imapi_class_count);
}

HRESULT WINAPI DllUnregisterServer(void)
{
    TRACE("()\n");
    return imapi_unregister(imapi_classes, imapi_class_count, imapi_libid);
}
