#ifndef HVHARDEN_CLIBXML2_SHIM_H
#define HVHARDEN_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its ICU headers clash with Foundation's
 * bundled ICU on a clean build. We never use libxml2's ICU encoding support. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function pointer variable; Swift 6 rejects access to
 * mutable C globals, so call it through an inline function. */
static inline void cxml_free(void *p) { xmlFree(p); }
#endif
