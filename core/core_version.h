#ifndef IMAPI_CORE_VERSION_H
#define IMAPI_CORE_VERSION_H

#define IMAPI_CORE_VERSION "0.1.0"

const char *imapi_core_version(void);

#endif
