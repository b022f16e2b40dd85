import CLibvirt
import CAugeas
import CLibXML2
import Foundation
func _probe() { _ = virGetVersion; _ = aug_init; cxml_free(nil); _ = Date() }
