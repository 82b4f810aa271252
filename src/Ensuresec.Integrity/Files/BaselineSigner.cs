using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// Ed25519 signatures over the baseline manifest (BouncyCastle). Ed25519 rather than HMAC: the verifying key is
/// public, so an auditor or a second host can check a baseline without holding a secret that could also forge it,
/// and the private key can stay off the web server once the baseline is made.
/// Key files hold the 32-byte seed (private) or public key as base64 on one line.
/// </summary>
internal static class BaselineSigner
{
    public static (byte[] PrivateKey, byte[] PublicKey) Generate()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (key.GetEncoded(), key.GeneratePublicKey().GetEncoded());
    }

    public static byte[] PublicKeyOf(byte[] privateKey) => new Ed25519PrivateKeyParameters(privateKey, 0).GeneratePublicKey().GetEncoded();

    public static byte[] Sign(byte[] privateKey, byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>Reads a base64 key file of the expected length; the error says what is wrong with it.</summary>
    public static (byte[]? Key, string? Error) ReadKey(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            byte[] key = Convert.FromBase64String(text);
            return key.Length == 32 ? (key, null) : (null, $"{path}: a key must be 32 bytes, this one is {key.Length}");
        }
        catch (FormatException)
        {
            return (null, $"{path}: not base64");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: {ex.Message}");
        }
    }

    /// <summary>Writes a private key readable by the owner only.</summary>
    public static void WritePrivateKey(string path, byte[] key)
    {
        File.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
