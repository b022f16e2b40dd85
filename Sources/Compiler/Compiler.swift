/// Compiler module.
public enum CompilerModule {}
