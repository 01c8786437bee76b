/* Private declarations of imapi2fs.dll. */
#ifndef IMAPI2FS_PRIVATE_H
#define IMAPI2FS_PRIVATE_H

#include "imapi_com.h"
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"

HRESULT boot_options_create(REFIID riid, void **ppv);
HRESULT fsimage_create(REFIID riid, void **ppv);
HRESULT iso_manager_create(REFIID riid, void **ppv);

#endif
