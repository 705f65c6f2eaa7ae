namespace Deploy.Tests.Kustomize;

/// <summary>The kustomization would not build as written (or uses a field this resolver does not model).</summary>
public sealed class KustomizeException(string message) : Exception(message);
