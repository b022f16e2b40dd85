#ifndef HVHARDEN_CAUGEAS_SHIM_H
#define HVHARDEN_CAUGEAS_SHIM_H
/* augeas.h includes libxml2's tree.h, and Debian's libxml2 is built with ICU,
 * whose headers clash with Foundation's bundled ICU on a clean build
 * ("'UErrorCode' has different definitions in different modules").
 * augeas.h needs only the xmlNode type (for aug_to_xml, which we do not use),
 * so pretend tree.h was already included and declare the opaque type. */
#define __XML_TREE_H__
typedef struct _xmlNode xmlNode;
#include <augeas.h>
#endif
